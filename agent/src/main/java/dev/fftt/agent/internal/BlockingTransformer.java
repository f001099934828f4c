package dev.fftt.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Puts the run-time blocking check ({@code dev.fftt.runtime.internal.loop.BlockingCalls}) into
 * blocking methods, for {@code blocking=warn|fail}. Registered only then: with the default
 * {@code blocking=off} no JDK class is touched.
 *
 * <p><b>Why an entry check in the method body.</b> Without a JVM flag, retransformation may change
 * method bodies but may not add or remove methods (that needs
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods}, which BlockHound's native-method-prefix approach
 * needs on JDK 13+). So the check is one static call inserted at the start of each JDK method that
 * has a Java body: no new member, no change of the class's shape, and it works on attach as well as
 * at start. The inserted code has no branch and leaves the operand stack as it found it, so the
 * class's stack map frames stay valid (only the maximum stack size is recomputed).
 *
 * <p><b>Which methods.</b> {@link #JDK_TARGETS}: a lock condition's {@code await*} (see
 * {@link #CONDITION}); {@code LockSupport.park}, {@code parkNanos},
 * {@code parkUntil} (all: under every {@code Future.get}, {@code CompletableFuture.join},
 * {@code CountDownLatch.await}, {@code Semaphore.acquire}, {@code BlockingQueue.put/take}, a
 * contended {@code Lock.lock}); {@code Thread.sleep}, {@code Thread.join}, {@code Object.wait} (the
 * overloads with a Java body: on Java 17 {@code Thread.sleep(long)} and {@code Object.wait(long)}
 * are native, on Java 19 and later every overload has a body); the public reads and writes of
 * {@code FileInputStream}, {@code FileOutputStream}, {@code RandomAccessFile} and
 * {@code FileChannelImpl} (writes to the standard output and error streams excepted: console
 * output is what every logger does); {@code NioSocketImpl.read/write} (every blocking {@code Socket} stream
 * since Java 13); {@code SocketChannelImpl.read/write} (checked only while the channel is in
 * blocking mode, so a selector loop's non-blocking I/O passes).
 *
 * <p><b>The native ones on Java 17.</b> {@code Thread.sleep(long)} and {@code Object.wait(long)}
 * have no body to put a check in there, so their callers are rewritten instead: in every class the
 * application's class loaders load (not the JDK's, not FFTT's, not classes of named modules), an
 * {@code invokestatic java/lang/Thread.sleep(J)V} becomes a call of {@code BlockingCalls.sleep}, and
 * an {@code invokevirtual <any>.wait(J)V} ({@code wait} is final in {@code Object}) one of
 * {@code BlockingCalls.waitOn}, which check and then make the original call. A class is parsed
 * only when its constant pool holds the name {@code sleep} or {@code wait}. The JDK's own callers
 * of these two go through methods that are checked ({@code Thread.join}, {@code Object.wait()},
 * {@code TimeUnit.sleep} via {@code Thread.sleep(long, int)}). Not caught on Java 17: a
 * {@code sleep} named through a subclass of {@code Thread} ({@code MyThread.sleep(5)}), and calls
 * from the JDK's own code straight into the native methods.
 *
 * <p><b>Extras.</b> {@code blocking.extra=<class>#<method>} methods get
 * {@code BlockingCalls.enterExtra(class, call)} at their start, in whatever loader they load.
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
final class BlockingTransformer implements ClassFileTransformer {

  static final String CHECK = "dev/fftt/runtime/internal/loop/BlockingCalls";

  /** Kinds of entry check. */
  private static final int ENTER = 0;
  /** Passes {@code this}: a channel in non-blocking mode, or the standard streams, pass. */
  private static final int CHANNEL = 1;

  /**
   * A condition's waits are checked at their entry, while the caller still holds the lock: a
   * {@code BlockingCallError} thrown from the {@code park} inside, after the lock was released,
   * would make the caller's {@code finally { lock.unlock(); }} throw
   * {@code IllegalMonitorStateException} instead ({@code BlockingQueue.take/put}).
   */
  private static final Map<String, Integer> CONDITION = Map.of("await", ENTER, "awaitNanos",
      ENTER, "awaitUntil", ENTER, "awaitUninterruptibly", ENTER);

  /** Internal class name to the methods checked, with the kind of check. */
  static final Map<String, Map<String, Integer>> JDK_TARGETS = Map.ofEntries(
      Map.entry("java/util/concurrent/locks/LockSupport",
          Map.of("park", ENTER, "parkNanos", ENTER, "parkUntil", ENTER)),
      Map.entry("java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject",
          CONDITION),
      Map.entry("java/util/concurrent/locks/AbstractQueuedLongSynchronizer$ConditionObject",
          CONDITION),
      Map.entry("java/lang/Thread", Map.of("sleep", ENTER, "join", ENTER)),
      Map.entry("java/lang/Object", Map.of("wait", ENTER)),
      Map.entry("java/io/FileInputStream",
          Map.of("read", ENTER, "readAllBytes", ENTER, "readNBytes", ENTER)),
      Map.entry("java/io/FileOutputStream", Map.of("write", CHANNEL)),
      Map.entry("java/io/RandomAccessFile",
          Map.of("read", ENTER, "readFully", ENTER, "write", ENTER)),
      Map.entry("sun/nio/ch/NioSocketImpl", Map.of("read", ENTER, "write", ENTER)),
      Map.entry("sun/nio/ch/SocketChannelImpl", Map.of("read", CHANNEL, "write", CHANNEL)),
      Map.entry("sun/nio/ch/FileChannelImpl", Map.of("read", ENTER, "write", ENTER)));

  /** Internal names of the JDK classes of {@link #JDK_TARGETS} that may be loaded already. */
  static final String[] LOADED_AT_START = {
      "java.util.concurrent.locks.LockSupport", "java.lang.Thread", "java.lang.Object",
      "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
      "java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject",
      "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile",
      "sun.nio.ch.NioSocketImpl", "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.FileChannelImpl",
  };

  private static final byte[] SLEEP = "sleep".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WAIT = "wait".getBytes(StandardCharsets.UTF_8);

  /** Extra class (internal name) to its method names. */
  private final Map<String, Set<String>> extras;
  private final boolean rewriteNativeCalls;
  /** "class#method" of every method given a check, dotted (for the agent's report and tests). */
  private final Set<String> checkedMethods = ConcurrentHashMap.newKeySet();
  private final java.util.function.Consumer<Module> moduleReads;

  /**
   * {@code extras}: "class#method" entries; {@code rewriteNativeCalls}: rewrite callers of the
   * native {@code Thread.sleep(long)} and {@code Object.wait(long)}; {@code moduleReads} gives a
   * named module a read edge to the runtime's module before a class of it is changed.
   */
  BlockingTransformer(Set<String> extras, boolean rewriteNativeCalls,
      java.util.function.Consumer<Module> moduleReads) {
    Map<String, Set<String>> byClass = new HashMap<>();
    for (String e : extras) {
      int hash = e.indexOf('#');
      byClass.computeIfAbsent(e.substring(0, hash).replace('.', '/'), k -> new HashSet<>())
          .add(e.substring(hash + 1));
    }
    this.extras = Map.copyOf(byClass);
    this.rewriteNativeCalls = rewriteNativeCalls;
    this.moduleReads = moduleReads;
  }

  /** The "class#method" names that may carry a JDK entry check (for the runtime's nesting rule). */
  static Set<String> jdkMethodNames() {
    Set<String> names = new LinkedHashSet<>();
    JDK_TARGETS.forEach((c, methods) -> methods.keySet()
        .forEach(m -> names.add(c.replace('/', '.') + "#" + m)));
    return names;
  }

  /** "class#method" of the methods given a check so far. */
  Set<String> checkedMethods() {
    return Set.copyOf(checkedMethods);
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile) {
    if (className == null) {
      return null;
    }
    try {
      Map<String, Integer> jdk = loader == null ? JDK_TARGETS.get(className) : null;
      Set<String> extra = extras.get(className);
      boolean rewrite = rewriteNativeCalls && loader != null
          && loader != ClassLoader.getPlatformClassLoader()
          && (module == null || !module.isNamed())
          && !GuardTransformer.isOwn(className)
          && (GuardTransformer.indexOf(classFile, SLEEP) >= 0
              || GuardTransformer.indexOf(classFile, WAIT) >= 0);
      if (jdk == null && extra == null && !rewrite) {
        return null;
      }
      if ((jdk != null || extra != null) && module != null && module.isNamed()) {
        moduleReads.accept(module);
      }
      return rewrite(className, classFile, jdk, extra, rewrite);
    } catch (Throwable t) {
      AgentLog.warn("cannot add the blocking check to " + className.replace('/', '.')
          + "; its blocking calls are not caught: " + t);
      return null;
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) {
    return transform(null, loader, className, classBeingRedefined, protectionDomain, classFile);
  }

  private byte[] rewrite(String className, byte[] classFile, Map<String, Integer> jdk,
      Set<String> extra, boolean callSites) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    String dotted = className.replace('/', '.');
    boolean[] changed = {false};
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        boolean hasBody = (access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) == 0;
        Integer kind = jdk == null ? null : jdk.get(name);
        if (kind != null && hasBody && checkable(className, access, descriptor)) {
          checkedMethods.add(dotted + "#" + name);
          changed[0] = true;
          return new EntryCheck(mv, kind == CHANNEL ? "enterChannel" : "enter",
              kind == CHANNEL ? "(Ljava/lang/Object;)V" : "()V", kind == CHANNEL, null, null);
        }
        if (extra != null && extra.contains(name) && hasBody) {
          checkedMethods.add(dotted + "#" + name);
          changed[0] = true;
          mv = new EntryCheck(mv, "enterExtra", "(Ljava/lang/String;Ljava/lang/String;)V", false,
              dotted, display(dotted, name));
        }
        return callSites ? new CallSiteRewrite(mv, changed) : mv;
      }
    }, 0);
    return changed[0] ? writer.toByteArray() : null;
  }

  /** Which JDK methods of a target class get the check: public ones, and NioSocketImpl's I/O. */
  private static boolean checkable(String className, int access, String descriptor) {
    if (className.equals("sun/nio/ch/NioSocketImpl")) {
      return descriptor.equals("([BII)I") || descriptor.equals("([BII)V");
    }
    return Modifier.isPublic(access);
  }

  static String display(String className, String method) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.') + "." + method;
  }

  /** Inserts the check call as the method's first instructions. */
  private static final class EntryCheck extends MethodVisitor {
    private final String method;
    private final String descriptor;
    private final boolean passThis;
    private final String className;
    private final String call;

    EntryCheck(MethodVisitor mv, String method, String descriptor, boolean passThis,
        String className, String call) {
      super(Opcodes.ASM9, mv);
      this.method = method;
      this.descriptor = descriptor;
      this.passThis = passThis;
      this.className = className;
      this.call = call;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      if (passThis) {
        super.visitVarInsn(Opcodes.ALOAD, 0);
      }
      if (className != null) {
        super.visitLdcInsn(className);
        super.visitLdcInsn(call);
      }
      super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK, method, descriptor, false);
    }
  }

  /** Sends direct calls of the native Thread.sleep(long) and Object.wait(long) through the check. */
  private static final class CallSiteRewrite extends MethodVisitor {
    private final boolean[] changed;

    CallSiteRewrite(MethodVisitor mv, boolean[] changed) {
      super(Opcodes.ASM9, mv);
      this.changed = changed;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
        boolean isInterface) {
      if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/Thread")
          && name.equals("sleep") && descriptor.equals("(J)V")) {
        changed[0] = true;
        super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK, "sleep", "(J)V", false);
      } else if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("wait")
          && descriptor.equals("(J)V") && !owner.startsWith("[")) {
        changed[0] = true;
        super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK, "waitOn", "(Ljava/lang/Object;J)V",
            false);
      } else {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      }
    }
  }
}
