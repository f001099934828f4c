package dev.fftt.runtime.internal.util;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The runtime's own logging (and the agent's): through SLF4J when the application has it with a
 * logging backend (found reflectively, so the runtime works from any class loader and never pulls
 * a backend in), else through {@link System.Logger}. An {@code slf4j-api} without a provider hands
 * out its no-operation logger, which would drop every line, warnings included ("cannot weave",
 * "cannot guard"): then the lines go to {@link System.Logger} too. Messages are formatted by the
 * caller; logging is never on a hot path.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Log {

  private static final String NAME = "dev.fftt";
  /**
   * The class of the logger SLF4J hands out when it has no provider (and with slf4j-nop), in
   * SLF4J 1.7 and 2.x alike: it drops everything, whatever the configuration.
   */
  static final String SLF4J_NOP_LOGGER = "org.slf4j.helpers.NOPLogger";
  private static final Backend BACKEND = Backend.find();

  private Log() {}

  /** Logs a problem. */
  public static void warn(String message) {
    BACKEND.log(System.Logger.Level.WARNING, message, null);
  }

  /** Logs a problem with its cause. */
  public static void warn(String message, Throwable cause) {
    BACKEND.log(System.Logger.Level.WARNING, message, cause);
  }

  /** Logs an event worth knowing. */
  public static void info(String message) {
    BACKEND.log(System.Logger.Level.INFO, message, null);
  }

  /** Logs a detail. */
  public static void debug(String message) {
    BACKEND.log(System.Logger.Level.DEBUG, message, null);
  }

  /** Whether the logs go to SLF4J (else to System.Logger: no SLF4J, or SLF4J without provider). */
  public static boolean usesSlf4j() {
    return BACKEND.slf4jLogger != null;
  }

  private static final class Backend {
    final Object slf4jLogger;
    final MethodHandle warn;
    final MethodHandle info;
    final MethodHandle debug;
    final System.Logger system;

    private Backend(Object slf4jLogger, MethodHandle warn, MethodHandle info, MethodHandle debug) {
      this.slf4jLogger = slf4jLogger;
      this.warn = warn;
      this.info = info;
      this.debug = debug;
      this.system = slf4jLogger == null ? System.getLogger(NAME) : null;
    }

    static Backend find() {
      for (ClassLoader loader : Slf4j.loaders()) {
        try {
          Class<?> factory = Class.forName("org.slf4j.LoggerFactory", true, loader);
          Class<?> loggerType = Class.forName("org.slf4j.Logger", false, loader);
          Object logger = factory.getMethod("getLogger", String.class).invoke(null, NAME);
          if (logger.getClass().getName().equals(SLF4J_NOP_LOGGER)) {
            break; // SLF4J would drop the lines: System.Logger instead
          }
          MethodHandles.Lookup lookup = MethodHandles.publicLookup();
          MethodType withCause = MethodType.methodType(void.class, String.class, Throwable.class);
          return new Backend(logger,
              lookup.findVirtual(loggerType, "warn", withCause),
              lookup.findVirtual(loggerType, "info", withCause),
              lookup.findVirtual(loggerType, "debug", withCause));
        } catch (Throwable notThere) {
          // try the next loader, then fall back to System.Logger
        }
      }
      return new Backend(null, null, null, null);
    }

    void log(System.Logger.Level level, String message, Throwable cause) {
      if (slf4jLogger == null) {
        if (cause == null) {
          system.log(level, message);
        } else {
          system.log(level, message, cause);
        }
        return;
      }
      MethodHandle handle = level == System.Logger.Level.WARNING ? warn
          : level == System.Logger.Level.INFO ? info : debug;
      try {
        handle.invoke(slf4jLogger, message, cause);
      } catch (Throwable t) {
        System.getLogger(NAME).log(level, message, cause);
      }
    }
  }
}
