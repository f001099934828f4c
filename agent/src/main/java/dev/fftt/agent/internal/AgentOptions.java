package dev.fftt.agent.internal;

import static dev.fftt.runtime.internal.weave.WovenSettings.DEBUG;
import static dev.fftt.runtime.internal.weave.WovenSettings.INFO;
import static dev.fftt.runtime.internal.weave.WovenSettings.WARN;
import static dev.fftt.runtime.internal.loop.BlockingCalls.FAIL;
import static dev.fftt.runtime.internal.loop.BlockingCalls.OFF;
import static dev.fftt.runtime.spi.FfttExporter.JFR;
import static dev.fftt.runtime.spi.FfttExporter.MICROMETER;
import static dev.fftt.runtime.spi.FfttExporter.OTEL;

import dev.fftt.runtime.internal.health.HealthStart;
import dev.fftt.runtime.internal.loop.BlockingCalls;
import dev.fftt.runtime.internal.weave.WovenSettings;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's options, parsed from the text after {@code -javaagent:fftt-agent.jar=}: a
 * comma-separated list of {@code key=value}, later keys winning. Immutable.
 *
 * <p>It runs before the runtime is reachable, so it must load no runtime class: the log levels
 * are {@link WovenSettings}'s compile-time constants (and the blocking modes
 * {@link BlockingCalls}'s), which javac copies into this class (one
 * definition, and a rename fails the build); {@code IsolatedAgentClassesTest} checks that parsing
 * loads nothing of the runtime.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class AgentOptions {

  /** The choices, as the error messages name them. */
  static final String VALID = "monitor=on|off, log=warn|info|debug, config=<path>,"
      + " health=off|<port>|<host>:<port>, blocking=off|warn|fail, " + MICROMETER + "|" + JFR + "|" + OTEL + "=auto|off";

  /** The exporters' option names, in the order {@link #toString()} writes them. */
  private static final List<String> EXPORTERS = List.of(MICROMETER, JFR, OTEL);
  /**
   * The choices for {@code health=}, as its error message names them: the runtime's, which
   * {@code -Dfftt.health=} (code woven at build time) names too; a compile-time constant, so
   * copied here by javac, and no runtime class is loaded.
   */
  static final String HEALTH_VALUES = HealthStart.VALUES;

  /**
   * {@code health=}: a port alone, or a host (a name, IPv4, or IPv6 in brackets) and a port (the
   * runtime's pattern, copied here by javac). Compiled only when the option is given: most starts
   * never load the regex classes.
   */
  private static final String HEALTH = HealthStart.PATTERN;

  private static final AgentOptions DEFAULTS = new AgentOptions(true, WARN, null, null, 0, Set.of(), OFF);

  private final boolean monitor;
  private final int logLevel;
  private final String config;
  private final String healthHost;
  private final int healthPort;
  private final Set<String> exportersOff;
  private final int blocking;

  private AgentOptions(boolean monitor, int logLevel, String config, String healthHost,
      int healthPort, Set<String> exportersOff, int blocking) {
    this.blocking = blocking;
    this.monitor = monitor;
    this.logLevel = logLevel;
    this.config = config;
    this.healthHost = healthHost;
    this.healthPort = healthPort;
    this.exportersOff = exportersOff;
  }

  /**
   * Parses {@code text} ({@code null} or blank for the defaults).
   *
   * @throws IllegalArgumentException with a one-line message naming the bad option and the valid
   *     choices
   */
  public static AgentOptions parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULTS;
    }
    boolean monitor = DEFAULTS.monitor;
    int logLevel = DEFAULTS.logLevel;
    String config = DEFAULTS.config;
    String healthHost = DEFAULTS.healthHost;
    int healthPort = DEFAULTS.healthPort;
    Set<String> exportersOff = new TreeSet<>();
    int blocking = DEFAULTS.blocking;
    for (String part : text.split(",", -1)) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("FFTT agent: option '" + item
            + "' has no value; valid options: " + VALID);
      }
      String key = item.substring(0, eq).trim();
      String value = item.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      switch (key) {
        case "monitor":
          if (value.equals("on")) {
            monitor = true;
          } else if (value.equals("off")) {
            monitor = false;
          } else {
            throw badValue(key, item.substring(eq + 1).trim(), "on, off");
          }
          break;
        case "log":
          if (value.equals("warn")) {
            logLevel = WARN;
          } else if (value.equals("info")) {
            logLevel = INFO;
          } else if (value.equals("debug")) {
            logLevel = DEBUG;
          } else {
            throw badValue(key, item.substring(eq + 1).trim(), "warn, info, debug");
          }
          break;
        case "config":
          config = item.substring(eq + 1).trim();
          if (config.isEmpty()) {
            throw badValue(key, config, "the path of a properties file");
          }
          break;
        case MICROMETER:
        case JFR:
        case OTEL:
          if (value.equals("off")) {
            exportersOff.add(key);
          } else if (value.equals("auto")) {
            exportersOff.remove(key);
          } else {
            throw badValue(key, item.substring(eq + 1).trim(), "auto, off");
          }
          break;
        case "blocking":
          if (value.equals("off")) {
            blocking = OFF;
          } else if (value.equals("warn")) {
            blocking = BlockingCalls.WARN;
          } else if (value.equals("fail")) {
            blocking = FAIL;
          } else {
            throw badValue(key, item.substring(eq + 1).trim(), "off, warn, fail");
          }
          break;
        case "health":
          String raw = item.substring(eq + 1).trim();
          if (value.equals("off")) {
            healthHost = null;
            healthPort = 0;
            break;
          }
          Matcher m = Pattern.compile(HEALTH).matcher(raw);
          int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
          if (port < 1 || port > 65_535) {
            throw badValue(key, raw, HEALTH_VALUES);
          }
          healthHost = m.group(1) == null ? null
              : m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1)
              : m.group(1);
          healthPort = port;
          break;
        default:
          throw new IllegalArgumentException("FFTT agent: unknown option '" + key
              + "'; valid options: " + VALID);
      }
    }
    return new AgentOptions(monitor, logLevel, config, healthHost, healthPort,
        Set.copyOf(exportersOff), blocking);
  }

  private static IllegalArgumentException badValue(String key, String value, String choices) {
    return new IllegalArgumentException("FFTT agent: bad value '" + value + "' for option '" + key
        + "'; valid values: " + choices);
  }

  /** {@code monitor=on}: whether {@code @AsyncMonitor} is woven. */
  public boolean monitor() {
    return monitor;
  }

  /** {@link WovenSettings#WARN}, {@link WovenSettings#INFO} or {@link WovenSettings#DEBUG}. */
  public int logLevel() {
    return logLevel;
  }

  /**
   * {@code config=<path>}: the configuration overrides file, or {@code null} (then the system
   * property {@code fftt.config} may name one).
   */
  public String config() {
    return config;
  }

  /**
   * The exporters turned off ({@code micrometer=off}, {@code jfr=off}, {@code otel=off}); the
   * others are {@code auto}: on when their module and library are present.
   */
  public Set<String> exportersOff() {
    return exportersOff;
  }

  /**
   * {@code health=}: the port to serve the health page on, or 0 when it is off (the default).
   */
  public int healthPort() {
    return healthPort;
  }

  /**
   * {@code health=<host>:<port>}: the host named (an IPv6 address without its brackets), or
   * {@code null} for {@code health=<port>}, which means 127.0.0.1.
   */
  public String healthHost() {
    return healthHost;
  }

  /**
   * {@code blocking=}: {@link BlockingCalls#OFF} (the default), {@link BlockingCalls#WARN} or
   * {@link BlockingCalls#FAIL}: whether blocking calls on loop threads are caught.
   */
  public int blocking() {
    return blocking;
  }

  @Override
  public String toString() {
    return "monitor=" + (monitor ? "on" : "off") + ",log="
        + (logLevel == WARN ? "warn" : logLevel == INFO ? "info" : "debug")
        + (config == null ? "" : ",config=" + config)
        + (healthPort == 0 ? "" : ",health=" + (healthHost == null ? ""
            : (healthHost.indexOf(':') >= 0 ? "[" + healthHost + "]" : healthHost) + ":")
            + healthPort)
        + (blocking == OFF ? "" : ",blocking=" + (blocking == FAIL ? "fail" : "warn"))
        + EXPORTERS.stream().filter(exportersOff::contains).map(e -> "," + e + "=off")
            .collect(Collectors.joining());
  }
}
