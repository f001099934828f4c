package dev.fftt.runtime.internal.weave;

/**
 * The agent's options as the woven code's runtime side needs them, set once by the agent before
 * it weaves anything, and the one definition of the agent's log levels: the agent's option parser
 * and its log use these constants too, so the two sides cannot drift apart. Thread-safe.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenSettings {

  // The levels must stay compile-time constants: javac copies them into the agent's option
  // parser, which runs before the runtime is on the boot class path and so must not load this
  // class (the agent's IsolatedAgentClassesTest fails if it does).

  /** Log level: problems only. */
  public static final int WARN = 0;
  /** Log level: also the agent's start line and each class woven. */
  public static final int INFO = 1;
  /** Log level: also how each method's policy was resolved. */
  public static final int DEBUG = 2;

  // Written once by the agent before it registers its transformer, read by any thread after.
  private static volatile boolean monitorEnabled = true;
  private static volatile int logLevel = WARN;

  private WovenSettings() {}

  /** Sets the options; call before anything is woven. */
  public static void configure(boolean monitor, int level) {
    monitorEnabled = monitor;
    logLevel = level;
  }

  /** Whether {@code @AsyncMonitor} is honoured ({@code monitor=on}). */
  public static boolean monitorEnabled() {
    return monitorEnabled;
  }

  /** The agent's log level ({@link #WARN}, {@link #INFO} or {@link #DEBUG}). */
  public static int logLevel() {
    return logLevel;
  }
}
