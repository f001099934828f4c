package dev.fftt.agent.internal;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.runtime.internal.weave.MethodSettings;
import dev.fftt.runtime.internal.weave.WovenMethod;
import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves one class file: reads its headers and annotations, decides which methods to weave, and
 * puts {@link GuardPrefix} at the start of each of them (with the ASM that Byte Buddy ships,
 * relocated with it). Nothing else in the class changes, so the same rewrite serves loading and
 * retransformation alike.
 *
 * <p>A class is woven when it or one of its methods carries an FFTT annotation (matched by type
 * name, so any copy of the annotations counts). The methods woven return
 * {@code CompletableFuture}/{@code CompletionStage}, have a body, are neither constructors,
 * synthetic nor bridges (a bridge, which carries copies of the real method's annotations, is
 * skipped without a word), and are annotated themselves or by their class; {@code @AsyncMonitor}
 * counts only with {@code monitor=on}. Which policy applies is left to the runtime (processor
 * constants or annotations). A class file older than Java 7 is refused (the prefix uses
 * {@code invokedynamic}); a refusal or any failure is reported once and the class stays as it was.
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
final class Weaver {

  static final String ANNOTATIONS = AsyncMonitor.class.getPackageName() + ".";
  private static final String ANNOTATION_PREFIX = GuardTransformer.ANNOTATION_MARKER_TEXT;
  private static final String COMPLETABLE_FUTURE = ")Ljava/util/concurrent/CompletableFuture;";
  private static final String COMPLETION_STAGE = ")Ljava/util/concurrent/CompletionStage;";
  private static final int JAVA_7 = Opcodes.V1_7;

  private final Instrumentation instrumentation;
  private final WeaveListener listener;
  private final Set<String> weaving;
  private final Module runtimeModule = WovenMethod.class.getModule();

  Weaver(Instrumentation instrumentation, boolean monitor, WeaveListener listener) {
    this.instrumentation = instrumentation;
    this.listener = listener;
    Set<String> kinds = new HashSet<>(ClassScan.FFTT.keySet());
    if (!monitor) {
      kinds.remove(Type.getDescriptor(AsyncMonitor.class));
    }
    this.weaving = Set.copyOf(kinds);
  }

  /**
   * The woven class file, or {@code null} to leave the class as it is. Never throws: a failure is
   * reported to the listener (once per class and loader) and the class is left alone.
   */
  byte[] weave(Module module, ClassLoader loader, String internalName, boolean loaded,
      byte[] classFile) {
    return weave(module, loader, internalName, loaded, classFile, null, null);
  }

  /**
   * As {@link #weave(Module, ClassLoader, String, boolean, byte[])}; a non-null {@code mark}
   * (build-time weaving, {@link BuildWeaving}) is added to a woven class as an invisible class
   * annotation of that descriptor, with {@code markVersion} as its {@code version} element.
   */
  byte[] weave(Module module, ClassLoader loader, String internalName, boolean loaded,
      byte[] classFile, String mark, String markVersion) {
    String name = internalName.replace('/', '.');
    try {
      ClassScan scan = ClassScan.of(classFile);
      boolean typeLevel = anyOf(scan.annotations, weaving);
      Map<String, String[]> woven = new HashMap<>();
      for (ClassScan.MethodInfo method : scan.methods) {
        if (method.is(Opcodes.ACC_BRIDGE)) {
          continue; // javac copies the annotations onto bridges; the real method is woven
        }
        String why = refusal(method);
        if (why == null && (typeLevel || anyOf(method.annotations, weaving))) {
          woven.put(method.name + method.descriptor, settings(scan, method));
        } else if (why != null && anyFfttAnnotation(method.annotations)) {
          listener.misapplied(name, loader, method.name, why);
        }
      }
      if (woven.isEmpty()) {
        return null;
      }
      if (scan.majorVersion < JAVA_7) {
        throw new UnweavableClassException("its class file version " + scan.majorVersion
            + " (Java " + (scan.majorVersion - 44) + ") is older than Java 7, and woven code"
            + " needs invokedynamic; recompile it for Java 7 or later");
      }
      byte[] result = rewrite(classFile, scan, woven, mark, markVersion);
      readRuntime(module);
      listener.woven(name, loaded, woven.size());
      return result;
    } catch (Throwable t) {
      listener.failed(name, loader, t);
      return null;
    }
  }

  /**
   * The method's {@link MethodSettings} entries: each FFTT annotation on the method, else on the
   * class, with the values the class file sets on it.
   */
  static String[] settings(ClassScan scan, ClassScan.MethodInfo method) {
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, Class<? extends Annotation>> kind : ClassScan.FFTT.entrySet()) {
      Map<String, String> values = method.values.get(kind.getKey());
      if (values == null) {
        values = scan.values.get(kind.getKey());
      }
      if (values == null) {
        continue;
      }
      entries.add(MethodSettings.present(kind.getValue()));
      for (Map.Entry<String, String> value : values.entrySet()) {
        entries.add(MethodSettings.entry(kind.getValue(), value.getKey(), value.getValue()));
      }
    }
    return entries.toArray(new String[0]);
  }

  private static byte[] rewrite(byte[] classFile, ClassScan scan, Map<String, String[]> woven,
      String mark, String markVersion) {
    ClassReader reader = new ClassReader(classFile);
    // Given the reader, the writer copies the constant pool and every method it is not asked to
    // change as they are; the prefix's max stack is added by GuardPrefix (frames stay as read).
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
        String[] settings = woven.get(name + descriptor);
        return settings != null
            ? new GuardPrefix(target, scan.internalName, access, name, descriptor, settings)
            : target;
      }

      @Override
      public void visitEnd() {
        if (mark != null) { // ClassWriter keeps class annotations whenever they are visited
          AnnotationVisitor a = super.visitAnnotation(mark, false);
          a.visit("version", markVersion);
          a.visitEnd();
        }
        super.visitEnd();
      }
    }, ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /** Why {@code method} cannot be woven, or {@code null} when it can. */
  private static String refusal(ClassScan.MethodInfo method) {
    if (method.name.equals("<init>") || method.name.equals("<clinit>")) {
      return "it is a constructor or initializer";
    }
    if (method.is(Opcodes.ACC_ABSTRACT) || method.is(Opcodes.ACC_NATIVE)) {
      return "it has no body to weave (abstract or native); annotate the implementation";
    }
    if (method.is(Opcodes.ACC_SYNTHETIC)) {
      return "it is synthetic";
    }
    if (!method.descriptor.endsWith(COMPLETABLE_FUTURE)
        && !method.descriptor.endsWith(COMPLETION_STAGE)) {
      return "it returns " + Type.getReturnType(method.descriptor).getClassName() + ", and only"
          + " methods returning CompletableFuture or CompletionStage are woven";
    }
    return null;
  }

  /** Lets a named module's woven code refer to the runtime (in the boot loader's unnamed module). */
  private void readRuntime(Module module) {
    if (module != null && module.isNamed() && !module.canRead(runtimeModule)) {
      instrumentation.redefineModule(module, Set.of(runtimeModule), Map.of(), Map.of(), Set.of(),
          Map.of());
    }
  }

  private static boolean anyOf(Iterable<String> annotations, Set<String> wanted) {
    for (String a : annotations) {
      if (wanted.contains(a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyFfttAnnotation(Iterable<String> annotations) {
    for (String a : annotations) {
      if (a.startsWith(ANNOTATION_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  /** A class that cannot be woven, with the reason as its message. */
  static final class UnweavableClassException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnweavableClassException(String reason) {
      super(reason);
    }
  }
}
