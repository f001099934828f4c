package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.internal.util.Log;
import java.util.concurrent.TimeUnit;

/**
 * Watches registered loops for stalls: each tick it posts a probe to every watched loop that has
 * none outstanding, and a loop whose probe is still waiting after longer than the threshold is
 * stalled (the loop records how long, the threshold, and the stack of its thread at that moment);
 * the stall ends at the first tick that finds the probe has run. The threshold is the system
 * property {@code fftt.stallMillis} (default 250), read on every tick; a value that is not a
 * positive whole number is logged once (per distinct value) and the default is used. The tick is
 * a fifth of the threshold, between 5 and 50 ms. One daemon thread, {@code fftt-watchdog},
 * started with the first watched loop.
 *
 * <p>Under the test kit it goes on as before, on the real clock ({@code System.nanoTime()}, not
 * the virtual one): a stall is a real thread blocked for real time. The kit's steppable loops are
 * registered unwatched ({@link LoopRegistry#registerUnwatched}): their tasks wait for the test by
 * design, so they are never probed and never reported stalled.
 *
 * <p>Internal; not API, may change without notice.
 */
final class StallWatchdog {

  static final String PROPERTY = "fftt.stallMillis";
  static final long DEFAULT_STALL_MILLIS = 250;

  // Written once, under the class lock, by the first ensureStarted(); read without the lock by
  // every later one (a loop's watch()). Volatile for that double-checked read.
  private static volatile Thread thread;
  // The last bad value warned about, so each bad value is logged once. Owned by the watchdog
  // thread, the only caller of thresholdMillis().
  private static String warnedValue;

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

  /** The stall threshold in force now, in milliseconds (warns about a bad property value). */
  static long thresholdMillis() {
    String value = System.getProperty(PROPERTY);
    long millis = parse(value);
    if (millis > 0) {
      return millis;
    }
    if (!value.equals(warnedValue)) {
      warnedValue = value;
      Log.warn("FFTT: system property " + PROPERTY + "='" + value + "' is not a positive whole"
          + " number of milliseconds; using the default " + DEFAULT_STALL_MILLIS
          + " (set it to e.g. -D" + PROPERTY + "=500)");
    }
    return DEFAULT_STALL_MILLIS;
  }

  /** {@code value} as milliseconds; the default when null; 0 when it is not a positive whole number. */
  static long parse(String value) {
    if (value == null) {
      return DEFAULT_STALL_MILLIS;
    }
    try {
      long millis = Long.parseLong(value.trim());
      return millis > 0 ? millis : 0;
    } catch (NumberFormatException e) {
      return 0;
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
      long thresholdNanos = TimeUnit.MILLISECONDS.toNanos(threshold); // saturates, never wraps
      for (LoopHandle loop : LoopRegistry.all()) {
        if (loop.watched()) {
          try {
            loop.checkStall(now, thresholdNanos);
          } catch (Throwable t) {
            Log.warn("FFTT: stall check of loop '" + loop.name() + "' failed", t);
          }
        }
      }
    }
  }
}
