package dev.fftt.runtime.internal.util;

import java.util.function.LongSupplier;

/**
 * The runtime's one reading of "now" for timeouts, retry pauses and budgets, breaker delays,
 * latencies and the health window: {@link System#nanoTime()}, unless a test kit has installed a
 * virtual clock. The normal path costs one volatile read of a field that stays {@code null} and a
 * branch that always goes the same way; the stall watchdog keeps reading the real clock (it
 * watches real threads).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Ticks {

  // The virtual clock in force, or null for the real one (the normal path). Written by install()
  // and uninstall() (the test kit, on its test thread), read by every clock reading on any thread.
  // Volatile for the race between an install and the calls that follow it on other threads: an
  // install happens-before every reading made after it (and an uninstall likewise), so a call
  // started after install() never mixes a real start with a virtual end.
  private static volatile LongSupplier virtual;

  private Ticks() {}

  /** Now, in nanoseconds on the {@link System#nanoTime()} scale (or the virtual clock's). */
  public static long nanoTime() {
    LongSupplier v = virtual;
    return v == null ? System.nanoTime() : v.getAsLong();
  }

  /**
   * Makes {@code clock} the runtime's clock until {@link #uninstall}.
   *
   * @throws IllegalStateException when another virtual clock is installed
   */
  public static synchronized void install(LongSupplier clock) {
    Checks.notNull(clock, "clock");
    if (virtual != null) {
      throw new IllegalStateException("a virtual clock is installed already; close it first");
    }
    virtual = clock;
  }

  /** Restores the real clock if {@code clock} is the one installed (else does nothing). */
  public static synchronized void uninstall(LongSupplier clock) {
    if (virtual == clock) {
      virtual = null;
    }
  }

  /** Whether a virtual clock is installed now. */
  public static boolean isVirtual() {
    return virtual != null;
  }
}
