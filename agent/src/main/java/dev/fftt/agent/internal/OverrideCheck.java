package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.weave.MethodSettings;
import dev.fftt.runtime.internal.weave.Overrides;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the configuration overrides when the agent starts or attaches, and checks them before
 * anything is woven: what {@link Overrides#read} rejects, and each class or method key against the
 * class it names when the system class loader finds that class's file: the code's values merged
 * with the overrides must keep the build rules. A key naming a class no processor index lists, or
 * a method or annotation the class does not have, is a warning (it matches nothing).
 *
 * <p>Internal; not API, may change without notice.
 */
final class OverrideCheck {

  private OverrideCheck() {}

  /**
   * The overrides to put in force.
   *
   * @throws BadConfiguration with one line naming the source, key, value and what is expected
   */
  static Overrides read(AgentOptions options, Properties systemProperties,
      Map<String, String> environment, ClassLoader loader) {
    try {
      return readAndCheck(options, systemProperties, environment, loader);
    } catch (BadConfiguration e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new BadConfiguration(e.getMessage());
    }
  }

  private static Overrides readAndCheck(AgentOptions options, Properties systemProperties,
      Map<String, String> environment, ClassLoader loader) {
    String file = options.config() != null ? options.config()
        : systemProperties.getProperty(Overrides.FILE_PROPERTY);
    Overrides overrides = Overrides.read(systemProperties, environment,
        file == null || file.isBlank() ? null : Path.of(file.trim()));
    if (overrides.isEmpty()) {
      return overrides;
    }
    Set<String> indexed = indexedClasses(loader);
    Set<String> checked = new HashSet<>();
    for (Overrides.Key key : overrides.namedKeys()) {
      if (!indexed.contains(key.className())) {
        AgentLog.warn("config key " + key.text() + " names class " + key.className()
            + ", which no fftt-processor index on the class path lists: it matches no annotated"
            + " method (yet; a class of another loader is checked when it loads)");
        continue;
      }
      ClassScan scan = scan(loader, key.className());
      if (scan == null) {
        continue;
      }
      if (!matches(scan, key)) {
        AgentLog.warn("config key " + key.text() + " matches no method of " + key.className()
            + " with @" + key.annotation().getSimpleName() + ": it has no effect");
      }
      if (checked.add(key.className())) {
        check(overrides, scan, key.className());
      }
    }
    return overrides;
  }

  /** The merged settings of each woven method of the class must keep the build rules. */
  private static void check(Overrides overrides, ClassScan scan, String className) {
    for (ClassScan.MethodInfo m : scan.methods) {
      String[] entries = Weaver.settings(scan, m);
      if (entries.length == 0) {
        continue;
      }
      String problem = overrides.mergedProblem(MethodSettings.parse(entries), className, m.name);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  private static boolean matches(ClassScan scan, Overrides.Key key) {
    for (ClassScan.MethodInfo m : scan.methods) {
      if (key.method() != null && !key.method().equals(m.name)) {
        continue;
      }
      String[] entries = Weaver.settings(scan, m);
      if (entries.length > 0 && MethodSettings.parse(entries).has(key.annotation())) {
        return true;
      }
    }
    return false;
  }

  private static ClassScan scan(ClassLoader loader, String className) {
    try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
      return in == null ? null : ClassScan.of(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("cannot read the class file of " + className + " to check its config keys: "
          + e);
      return null;
    }
  }

  private static Set<String> indexedClasses(ClassLoader loader) {
    try {
      return ProcessorIndex.classesListedBy(loader);
    } catch (IOException e) {
      AgentLog.warn("cannot read " + ProcessorIndex.PATH + ": " + e);
      return Set.of();
    }
  }
}
