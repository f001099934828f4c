package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.health.HealthStart;
import dev.fftt.runtime.internal.util.Log;
import dev.fftt.runtime.spi.FfttExporter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The start of code woven at build time when no agent runs: what the agent does in
 * {@code premain} with its options, done here on the first call of a woven method (from
 * {@link WovenBootstrap}), with the same settings read from system properties:
 * {@code fftt.monitor=on|off}, {@code fftt.log=warn|info|debug}, {@code fftt.config=<path>},
 * {@code fftt.health=off|<port>|<host>:<port>}, {@code fftt.micrometer}, {@code fftt.jfr},
 * {@code fftt.otel} {@code =auto|off}. The configuration overrides are read and checked as the
 * agent checks them (each key naming a class is checked against that class, loaded without
 * initializing it). A bad value, like a bad agent option, is one line on standard error, and the
 * JVM exits with status 2. When an agent is installed ({@code fftt.agent.installed} is set) it
 * has done all this, and nothing happens here.
 *
 * <p>Runs once per copy of the runtime; a woven method's first call on another thread meanwhile
 * waits for it (the monitor of this class), so no method is resolved with half the settings.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class StandaloneStart {

  /**
   * The system property the agent sets when it installs: the one definition, which the agent's
   * {@code FfttAgent.INSTALLED_PROPERTY} is (a compile-time constant, so a rename changes both).
   */
  public static final String AGENT_INSTALLED = "fftt.agent.installed";
  private static final String PREFIX = "fftt.";
  private static final String LINE = "FFTT: ";

  // Written once under the class's monitor, read without it by every later bootstrap.
  private static volatile boolean done;

  private StandaloneStart() {}

  /** A bad setting: its message is the one line to print before the JVM exits. */
  static final class BadSetting extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadSetting(String message) {
      super(message, null, false, false);
    }
  }

  /** Starts the runtime's side of the weaving unless an agent did or this ran before. */
  static void ensure() {
    if (done) {
      return;
    }
    synchronized (StandaloneStart.class) {
      if (done) {
        return;
      }
      try {
        if (System.getProperty(AGENT_INSTALLED) == null) {
          start(System.getProperties(), System.getenv(), ClassLoader.getSystemClassLoader(),
              System.err);
        }
      } catch (BadSetting e) {
        System.err.println(e.getMessage()); // as for a bad agent option: one line, then stop
        System.err.flush();
        Runtime.getRuntime().exit(2);
      } catch (RuntimeException | LinkageError e) {
        Log.warn(LINE + "the settings from system properties could not be applied: " + e
            + "; woven code runs with the defaults", e);
      } finally {
        done = true;
      }
    }
  }

  /**
   * Reads the settings from {@code properties} and {@code environment} and puts them in force.
   *
   * @throws BadSetting with one line naming the property (or config key), the value and what is
   *     expected
   */
  static void start(Properties properties, Map<String, String> environment, ClassLoader loader,
      PrintStream err) {
    boolean monitor = choice(properties, "monitor", List.of("on", "off"), "on").equals("on");
    String log = choice(properties, "log", List.of("warn", "info", "debug"), "warn");
    int level = log.equals("debug") ? WovenSettings.DEBUG
        : log.equals("info") ? WovenSettings.INFO : WovenSettings.WARN;
    Set<String> off = new TreeSet<>();
    for (String exporter : List.of(FfttExporter.MICROMETER, FfttExporter.JFR, FfttExporter.OTEL)) {
      if (choice(properties, exporter, List.of("auto", "off"), "auto").equals("off")) {
        off.add(exporter);
      }
    }
    String health = properties.getProperty(PREFIX + "health");
    HealthStart.Where where = health == null ? new HealthStart.Where(null, 0)
        : HealthStart.parse(health);
    if (where == null) {
      throw new BadSetting(LINE + "bad value '" + health.trim() + "' for system property '"
          + PREFIX + "health'; valid values: " + HealthStart.VALUES);
    }
    String blocking = properties.getProperty(PREFIX + "blocking");
    if (blocking != null && !blocking.trim().equalsIgnoreCase("off")) {
      Log.warn(LINE + "-D" + PREFIX + "blocking=" + blocking.trim() + " is ignored: catching"
          + " blocking calls on loop threads needs the agent (it rewrites JDK classes); start with"
          + " -javaagent:fftt-agent.jar=blocking=" + blocking.trim() + " to use it");
    }

    WovenSettings.configure(monitor, level);
    Exports.configure(off);
    String file = properties.getProperty(Overrides.FILE_PROPERTY);
    Overrides overrides;
    try {
      overrides = Overrides.read(properties, environment,
          file == null || file.isBlank() ? null : Path.of(file.trim()));
    } catch (IllegalArgumentException e) {
      throw new BadSetting(e.getMessage());
    }
    check(overrides, loader);
    Overrides.install(overrides);
    if (level >= WovenSettings.INFO) {
      Log.info(LINE + "woven at build time, started without an agent (monitor="
          + (monitor ? "on" : "off") + ",log=" + log
          + (file == null || file.isBlank() ? "" : ",config=" + file.trim())
          + (where.port() == 0 ? "" : ",health=" + health.trim())
          + off.stream().map(e -> "," + e + "=off").reduce("", String::concat)
          + ", from system properties)");
      if (!overrides.isEmpty()) {
        Log.info(LINE + "configuration overrides read: " + String.join(", ",
            overrides.describeAll()));
      }
    }
    HealthStart.start(where.host(), where.port(), overrides.healthToken(),
        level >= WovenSettings.INFO, LINE, err);
  }

  /** The value of {@code fftt.<name>}, lower-cased, one of {@code valid}, else a bad setting. */
  private static String choice(Properties properties, String name, List<String> valid,
      String otherwise) {
    String raw = properties.getProperty(PREFIX + name);
    if (raw == null) {
      return otherwise;
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (!valid.contains(value)) {
      throw new BadSetting(LINE + "bad value '" + raw.trim() + "' for system property '" + PREFIX
          + name + "'; valid values: " + String.join(", ", valid));
    }
    return value;
  }

  /**
   * Each key naming a class, against that class as the agent checks it against its class file:
   * a class no processor index lists, or one without the method or annotation, is a warning; a
   * value that breaks a build rule merged with the code is a bad setting.
   */
  private static void check(Overrides overrides, ClassLoader loader) {
    if (overrides.isEmpty()) {
      return;
    }
    String problem = overrides.checkNamedKeys(indexedClasses(loader),
        className -> methods(loader, className), warning -> Log.warn(LINE + warning));
    if (problem != null) {
      throw new BadSetting(problem);
    }
  }

  /**
   * The declared methods of a class (not initialized), bridges left out, with their code's
   * settings; null if unreadable.
   */
  private static List<Overrides.CodeMethod> methods(ClassLoader loader, String className) {
    try {
      return Arrays.stream(Class.forName(className, false, loader).getDeclaredMethods())
          .filter(m -> !m.isBridge() && !m.isSynthetic())
          .map(m -> new Overrides.CodeMethod(m.getName(), MethodSettings.of(m)))
          .collect(Collectors.toList());
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      Log.warn(LINE + "cannot read class " + className + " to check its config keys: " + e);
      return null;
    }
  }

  private static Set<String> indexedClasses(ClassLoader loader) {
    try {
      return ProcessorIndex.classesListedBy(loader);
    } catch (IOException e) {
      Log.warn(LINE + "cannot read " + ProcessorIndex.PATH + ": " + e);
      return Set.of();
    }
  }
}
