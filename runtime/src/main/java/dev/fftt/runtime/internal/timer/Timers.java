package dev.fftt.runtime.internal.timer;

import java.util.concurrent.Executor;

/**
 * Where the runtime schedules its timeouts and retry pauses, and where their expiries and other
 * hand-offs run: the process-wide {@link TimerWheel} and {@link Completions}, unless a test kit
 * has installed a {@link VirtualTimer}, which then takes both.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Timers {

  // The virtual timer in force, or null for the real wheel and completion pool (the normal path).
  // Written by VirtualTimer.install/close (the test kit's thread), read by every schedule and
  // every hand-off to the completion threads, on any thread. Volatile for the race between an
  // install and the calls that follow it on other threads: an install happens-before every
  // schedule made after it, so a call started after install() waits on the virtual timer only.
  private static volatile VirtualTimer virtual;

  private Timers() {}

  /**
   * Expires {@code task} at or after {@code deadlineNanos} (a
   * {@link dev.fftt.runtime.internal.util.Ticks#nanoTime()} value): see
   * {@link TimerWheel#schedule}.
   */
  public static void schedule(TimerTask task, long deadlineNanos) {
    VirtualTimer v = virtual;
    if (v == null) {
      TimerWheel.get().schedule(task, deadlineNanos);
    } else {
      v.schedule(task, deadlineNanos);
    }
  }

  /** The completion threads, or the virtual timer's queue run by the test thread. */
  static Executor completions() {
    VirtualTimer v = virtual;
    return v == null ? null : v.completions();
  }

  static synchronized void install(VirtualTimer timer) {
    if (virtual != null) {
      throw new IllegalStateException("a virtual timer is installed already; close it first");
    }
    virtual = timer;
  }

  static synchronized void uninstall(VirtualTimer timer) {
    if (virtual == timer) {
      virtual = null;
    }
  }

  /** The virtual timer installed now, or {@code null}. */
  public static VirtualTimer virtual() {
    return virtual;
  }
}
