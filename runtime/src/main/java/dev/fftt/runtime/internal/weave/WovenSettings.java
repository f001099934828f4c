package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.util.Log;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's options as the woven code's runtime side needs them, set once by the agent before
 * it weaves anything, and the process-wide "installed" claim (kept here, in the one copy of the
 * runtime the woven code uses, so that the agent weaves once even if its own classes were loaded
 * twice). Thread-safe.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenSettings {

  /** Log level: problems only. */
  public static final int WARN = 0;
  /** Log level: also each class woven. */
  public static final int INFO = 1;
  /** Log level: also how each method's policy was resolved. */
  public static final int DEBUG = 2;

  private static volatile boolean monitorEnabled = true;
  private static volatile int logLevel = WARN;
  private static final AtomicReference<String> INSTALLED_BY = new AtomicReference<>();

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

  /**
   * Claims the installation for {@code how} (e.g. {@code "premain"}); false when some agent has
   * claimed it already, which then stays the one installed.
   */
  public static boolean claimInstall(String how) {
    return INSTALLED_BY.compareAndSet(null, how);
  }

  /** How the agent was installed, or {@code null} when it was not. */
  public static String installedBy() {
    return INSTALLED_BY.get();
  }
}
