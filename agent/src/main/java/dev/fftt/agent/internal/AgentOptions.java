package dev.fftt.agent.internal;

import static dev.fftt.runtime.internal.weave.WovenSettings.DEBUG;
import static dev.fftt.runtime.internal.weave.WovenSettings.INFO;
import static dev.fftt.runtime.internal.weave.WovenSettings.WARN;

import dev.fftt.runtime.internal.weave.WovenSettings;
import java.util.Locale;

/**
 * The agent's options, parsed from the text after {@code -javaagent:fftt-agent.jar=}: a
 * comma-separated list of {@code key=value}, later keys winning. Immutable.
 *
 * <p>It runs before the runtime is reachable, so it must load no runtime class: the log levels
 * are {@link WovenSettings}'s compile-time constants, which javac copies into this class (one
 * definition, and a rename fails the build); {@code IsolatedAgentClassesTest} checks that parsing
 * loads nothing of the runtime.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class AgentOptions {

  /** The choices, as the error messages name them. */
  static final String VALID = "monitor=on|off, log=warn|info|debug, config=<path>";

  private static final AgentOptions DEFAULTS = new AgentOptions(true, WARN, null);

  private final boolean monitor;
  private final int logLevel;
  private final String config;

  private AgentOptions(boolean monitor, int logLevel, String config) {
    this.monitor = monitor;
    this.logLevel = logLevel;
    this.config = config;
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
        default:
          throw new IllegalArgumentException("FFTT agent: unknown option '" + key
              + "'; valid options: " + VALID);
      }
    }
    return new AgentOptions(monitor, logLevel, config);
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

  @Override
  public String toString() {
    return "monitor=" + (monitor ? "on" : "off") + ",log="
        + (logLevel == WARN ? "warn" : logLevel == INFO ? "info" : "debug")
        + (config == null ? "" : ",config=" + config);
  }
}
