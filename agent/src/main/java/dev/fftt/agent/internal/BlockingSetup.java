package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.loop.BlockingCalls;
import dev.fftt.runtime.internal.loop.BlockingEntries;
import dev.fftt.runtime.internal.weave.Overrides;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code blocking=warn|fail}: reads the plain configuration keys {@code blocking.allow} and
 * {@code blocking.extra} (system property {@code fftt.blocking.allow} &gt; environment variable
 * {@code FFTT_BLOCKING_ALLOW} &gt; the config file's {@code blocking.allow}; the first source that
 * sets a key gives its whole value), checks them, configures the runtime's check and registers the
 * {@link BlockingTransformer}. With {@code blocking=off} nothing here runs and no JDK class is
 * changed (the keys are not even read).
 *
 * <p>Checks (each failure is one line, and the agent stops as for a bad option): every entry is
 * {@code <class>} or {@code <class>#<method>} ({@code blocking.extra}: always with a method); a
 * class in {@code blocking.allow} must be found by the system class loader (the JDK's classes
 * included), and a method named must be declared by it. A {@code blocking.extra} class that is not
 * found is a warning: it is checked when it loads, in whatever loader.
 *
 * <p>Internal; not API, may change without notice.
 */
final class BlockingSetup {

  static final String ALLOW = "blocking.allow";
  static final String EXTRA = "blocking.extra";
  private static final String CHECK_CLASS = BlockingTransformer.CHECK;

  /** A setting's value and its source, as the error messages name it. */
  record Setting(String key, String value, String source) {}

  private BlockingSetup() {}

  /**
   * Reads and checks the keys, configures the runtime and registers the transformer; on attach,
   * retransforms the JDK classes loaded already (and, where call sites are rewritten, the
   * application's classes that call the native sleep or wait).
   *
   * @throws BadConfiguration for a bad entry or an unknown allowed class or method
   */
  static void install(Instrumentation instrumentation, int mode, Overrides overrides,
      Properties systemProperties, Map<String, String> environment, ClassLoader loader) {
    Setting allow = setting(ALLOW, overrides, systemProperties, environment);
    Setting extra = setting(EXTRA, overrides, systemProperties, environment);
    List<String> allowed = entries(allow, false);
    for (String entry : allowed) {
      checkAllowed(entry, allow, loader);
    }
    Set<String> extras = new LinkedHashSet<>(entries(extra, true));
    for (String entry : extras) {
      String className = entry.substring(0, entry.indexOf('#'));
      if (loader.getResource(className.replace('.', '/') + ".class") == null) {
        AgentLog.warn(extra.source() + ": " + EXTRA + " names class " + className
            + ", which the class path does not have now; its calls are checked if it loads later");
      }
    }
    Module runtime = BlockingCalls.class.getModule();
    if (BlockingCalls.class.getClassLoader() != null) {
      AgentLog.warn("blocking=" + (mode == BlockingCalls.FAIL ? "fail" : "warn")
          + " needs the FFTT runtime on the boot class path, but it was loaded by "
          + BlockingCalls.class.getClassLoader() + " (attached after the application used it);"
          + " blocking calls are not checked. Start the JVM with -javaagent to check them");
      return;
    }
    BlockingCalls.configure(mode, allowed, extras, BlockingTransformer.jdkMethodNames());
    boolean nativeSleep = isNative(Thread.class, "sleep") || isNative(Object.class, "wait");
    BlockingTransformer transformer = new BlockingTransformer(extras, nativeSleep,
        module -> addReads(instrumentation, module, runtime));
    addReads(instrumentation, Object.class.getModule(), runtime);
    // What transform() uses, loaded now: a class it first loaded from inside transform() would
    // pass through transform() while being defined, and be defined twice.
    GuardTransformer.isOwn(CHECK_CLASS);
    transformer.transform(null, null, CHECK_CLASS, null, null, new byte[0]);
    instrumentation.addTransformer(transformer, true);
    List<Class<?>> loaded = new ArrayList<>();
    Set<String> extraClasses = new LinkedHashSet<>();
    for (String e : extras) {
      extraClasses.add(e.substring(0, e.indexOf('#')));
    }
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      String name = type.getName();
      if ((type.getClassLoader() == null && contains(BlockingTransformer.LOADED_AT_START, name))
          || extraClasses.contains(name)
          || nativeSleep && callsNativeSleepOrWait(type)) {
        if (instrumentation.isModifiableClass(type)) {
          loaded.add(type);
        }
      }
    }
    for (Class<?> type : loaded) {
      try {
        instrumentation.retransformClasses(type);
      } catch (Throwable t) {
        AgentLog.warn("cannot add the blocking check to " + type.getName()
            + "; its blocking calls are not caught: " + t);
      }
    }
    if (AgentLog.infoEnabled()) {
      AgentLog.info("blocking=" + (mode == BlockingCalls.FAIL ? "fail" : "warn") + ": checking "
          + String.join(", ", new java.util.TreeSet<>(transformer.checkedMethods()))
          + (nativeSleep ? "; callers of the native Thread.sleep(long)/Object.wait(long)"
              + " rewritten" : "")
          + (allowed.isEmpty() ? "" : "; allowed: " + String.join(", ", allowed)));
    }
  }

  /** The value of plain key {@code key}: system property, else environment, else file. */
  static Setting setting(String key, Overrides overrides, Properties systemProperties,
      Map<String, String> environment) {
    String property = "fftt." + key;
    String env = "FFTT_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    if (systemProperties.getProperty(property) != null) {
      return new Setting(key, systemProperties.getProperty(property),
          "system property " + property);
    }
    if (environment.get(env) != null) {
      return new Setting(key, environment.get(env), "environment " + env);
    }
    String fromFile = overrides.fileValue(key);
    return fromFile == null ? null : new Setting(key, fromFile, "file " + overrides.file());
  }

  /**
   * The comma-separated entries of {@code setting} (empty when it is null).
   *
   * @throws BadConfiguration for an entry that is not {@code <class>[#<method>]}
   */
  static List<String> entries(Setting setting, boolean methodRequired) {
    List<String> entries = new ArrayList<>();
    if (setting == null) {
      return entries;
    }
    String key = setting.key();
    for (String part : setting.value().split(",", -1)) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (!BlockingEntries.wellFormed(entry, methodRequired)) {
        throw new BadConfiguration("FFTT config: " + setting.source() + ": bad entry '" + entry
            + "' in " + key + "='" + setting.value() + "'; expected comma-separated "
            + (methodRequired ? "<class>#<method>" : "<class>#<method> or <class>")
            + " with a fully qualified class name, e.g. "
            + (methodRequired ? "reactor.core.publisher.Mono#block" : "com.acme.Cache#load"));
      }
      entries.add(entry);
    }
    return entries;
  }

  private static void checkAllowed(String entry, Setting allow, ClassLoader loader) {
    int hash = entry.indexOf('#');
    String className = hash < 0 ? entry : entry.substring(0, hash);
    byte[] file = classFile(loader, className);
    if (file == null) {
      throw new BadConfiguration("FFTT config: " + allow.source() + ": " + ALLOW + " names class "
          + className + ", which is not on the class path; name a class the application has"
          + " (<class>#<method> or <class>, e.g. com.acme.Cache#load), or remove the entry");
    }
    if (hash >= 0 && !declares(file, entry.substring(hash + 1))) {
      throw new BadConfiguration("FFTT config: " + allow.source() + ": " + ALLOW + " names method "
          + entry.substring(hash + 1) + " of " + className + ", which declares no method of that"
          + " name; name one it declares, or allow the whole class with " + className);
    }
  }

  private static byte[] classFile(ClassLoader loader, String className) {
    try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean declares(byte[] classFile, String method) {
    boolean[] found = {false};
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        found[0] |= name.equals(method);
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }

  private static boolean isNative(Class<?> type, String method) {
    try {
      return java.lang.reflect.Modifier.isNative(
          type.getDeclaredMethod(method, long.class).getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * On attach, whether a loaded application class calls the native sleep or wait (read from its
   * class file, when its loader has it): such a class is retransformed so its calls get the check.
   */
  private static boolean callsNativeSleepOrWait(Class<?> type) {
    ClassLoader l = type.getClassLoader();
    if (l == null || l == ClassLoader.getPlatformClassLoader() || type.isArray()
        || type.isHidden() || type.getModule().isNamed()
        || GuardTransformer.isOwn(type.getName().replace('.', '/'))) {
      return false;
    }
    byte[] file = classFile(l, type.getName());
    return file != null && (GuardTransformer.indexOf(file, "sleep".getBytes()) >= 0
        || GuardTransformer.indexOf(file, "wait".getBytes()) >= 0);
  }

  private static boolean contains(String[] names, String name) {
    for (String n : names) {
      if (n.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static void addReads(Instrumentation instrumentation, Module module, Module runtime) {
    if (module.isNamed() && !module.canRead(runtime)) {
      instrumentation.redefineModule(module, Set.of(runtime), Map.of(), Map.of(), Set.of(),
          Map.of());
    }
  }
}
