package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.util.Log;
import dev.fftt.runtime.internal.weave.WovenSettings;

/**
 * The agent's own log lines, filtered by its {@code log=} option and written through the
 * runtime's log (SLF4J when the application has it, else {@link System.Logger}). Lines the option
 * lets through are written at INFO at least, so that {@code log=debug} shows without configuring
 * the logging backend. Nothing is logged at {@code log=warn} unless something is wrong, so the
 * agent does not start the application's logging early.
 *
 * <p>Internal; not API, may change without notice.
 */
final class AgentLog {

  private static final String PREFIX = "FFTT agent: ";

  private AgentLog() {}

  static void warn(String message) {
    Log.warn(PREFIX + message);
  }

  static void warn(String message, Throwable cause) {
    Log.warn(PREFIX + message, cause);
  }

  static void info(String message) {
    if (infoEnabled()) {
      Log.info(PREFIX + message);
    }
  }

  static boolean infoEnabled() {
    return WovenSettings.logLevel() >= WovenSettings.INFO;
  }

  static boolean debugEnabled() {
    return WovenSettings.logLevel() >= WovenSettings.DEBUG;
  }

  static void debug(String message) {
    if (debugEnabled()) {
      Log.info(PREFIX + message);
    }
  }

  static void debug(String message, Throwable cause) {
    if (debugEnabled()) {
      Log.warn(PREFIX + message, cause);
    }
  }
}
