package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.internal.util.Log;

/**
 * Watches registered loops for stalls: each tick it posts a probe to every watched loop that has
 * none outstanding, and a loop whose probe has waited longer than the threshold is stalled (the
 * loop records how long, and the stack of its thread at that moment). The threshold is the system
 * property {@code fftt.stallMillis} (default 250), read on every tick; the tick is a fifth of it,
 * between 5 and 50 ms. One daemon thread, {@code fftt-watchdog}, started with the first loop.
 *
 * <p>Internal; not API, may change without notice.
 */
final class StallWatchdog {

  static final long DEFAULT_STALL_MILLIS = 250;
  private static volatile Thread thread;

  private StallWatchdog() {}

  static void ensureStarted() {
    if (thread != null) {
      return;
    }
    synchronized (StallWatchdog.class) {
      if (thread == null) {
        Thread t = new Thread(StallWatchdog::run, "fftt-watchdog");
        t.setDaemon(true);
        t.start();
        thread = t;
      }
    }
  }

  /** The stall threshold now, in milliseconds. */
  static long thresholdMillis() {
    String value = System.getProperty("fftt.stallMillis");
    if (value != null) {
      try {
        long millis = Long.parseLong(value.trim());
        if (millis > 0) {
          return millis;
        }
      } catch (NumberFormatException e) {
        // fall through to the default
      }
      warnBadProperty(value);
    }
    return DEFAULT_STALL_MILLIS;
  }

  private static volatile String warnedValue;

  private static void warnBadProperty(String value) {
    if (!value.equals(warnedValue)) {
      warnedValue = value;
      Log.warn("FFTT: system property fftt.stallMillis='" + value
          + "' is not a positive whole number of milliseconds; using " + DEFAULT_STALL_MILLIS);
    }
  }

  private static void run() {
    for (;;) {
      long threshold = thresholdMillis();
      long tick = Math.max(5, Math.min(50, threshold / 5));
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (LoopHandle loop : LoopRegistry.all()) {
        if (loop.watched()) {
          try {
            loop.checkStall(now, threshold * 1_000_000L);
          } catch (Throwable t) {
            Log.warn("FFTT: stall check of loop '" + loop.name() + "' failed", t);
          }
        }
      }
    }
  }
}
