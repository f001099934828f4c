package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.weave.MethodSettings;
import dev.fftt.runtime.internal.weave.Overrides;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    String problem = overrides.checkNamedKeys(indexedClasses(loader),
        className -> methods(loader, className), AgentLog::warn);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return overrides;
  }

  /** The methods of a class as its class file declares them, with their settings; null if unread. */
  private static List<Overrides.CodeMethod> methods(ClassLoader loader, String className) {
    ClassScan scan = scan(loader, className);
    if (scan == null) {
      return null;
    }
    List<Overrides.CodeMethod> methods = new ArrayList<>();
    for (ClassScan.MethodInfo m : scan.methods) {
      methods.add(new Overrides.CodeMethod(m.name,
          MethodSettings.parse(Weaver.settings(scan, m))));
    }
    return methods;
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
