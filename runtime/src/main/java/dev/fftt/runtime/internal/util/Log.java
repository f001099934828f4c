package dev.fftt.runtime.internal.util;

import java.lang.invoke.MethodHandle;

/**
 * The runtime's own logging (and the agent's): through the application's SLF4J when it has one
 * with a logging backend ({@link Slf4j#application()}: on the system class path, or in the class
 * loader of the first woven class that runs, such as an executable Spring Boot jar's), else
 * through {@link System.Logger}. Found reflectively, so the runtime works from any class loader
 * and never pulls a backend in. An {@code slf4j-api} without a provider hands out its
 * no-operation logger, which would drop every line, warnings included ("cannot weave", "cannot
 * guard"): then the lines go to {@link System.Logger} too. Lines written before the application's
 * SLF4J is known (the agent's, while the JVM starts) go to {@link System.Logger}. Messages are
 * formatted by the caller; logging is never on a hot path.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Log {

  private Log() {}

  /** Logs a problem. */
  public static void warn(String message) {
    log(System.Logger.Level.WARNING, message, null);
  }

  /** Logs a problem with its cause. */
  public static void warn(String message, Throwable cause) {
    log(System.Logger.Level.WARNING, message, cause);
  }

  /** Logs an event worth knowing. */
  public static void info(String message) {
    log(System.Logger.Level.INFO, message, null);
  }

  /** Logs a detail. */
  public static void debug(String message) {
    log(System.Logger.Level.DEBUG, message, null);
  }

  /** Whether the logs go to SLF4J now (else to System.Logger: no SLF4J, or SLF4J without provider). */
  public static boolean usesSlf4j() {
    return Slf4j.application().logs();
  }

  private static void log(System.Logger.Level level, String message, Throwable cause) {
    Slf4j slf4j = Slf4j.application();
    if (slf4j.logs()) {
      MethodHandle handle = level == System.Logger.Level.WARNING ? slf4j.warn
          : level == System.Logger.Level.INFO ? slf4j.info : slf4j.debug;
      try {
        handle.invoke(slf4j.logger, message, cause);
        return;
      } catch (Throwable t) {
        // a broken backend: the line goes to System.Logger rather than nowhere
      }
    }
    if (cause == null) {
      SystemLog.LOGGER.log(level, message);
    } else {
      SystemLog.LOGGER.log(level, message, cause);
    }
  }

  /** Created at the first line that goes to it, not before (as the lines to SLF4J never do). */
  private static final class SystemLog {
    static final System.Logger LOGGER = System.getLogger(Slf4j.NAME);
  }
}
