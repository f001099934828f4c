package dev.fftt.runtime.internal.monitor;

import dev.fftt.runtime.internal.util.Ticks;

/**
 * The "recent" window of the health rules: given a running total and the bad part of it, how much
 * of each came in the recent window. Windows are 30 seconds long and are started by
 * {@link #recent}: a call that finds the current window 30 s old or older starts a new one. The
 * recent window runs from the start of the window before the current one (from creation or the
 * last {@link #reset} when there is none) to now. So while reports come at least every 30 s (a
 * polled health endpoint) it is the last 30 to 60 s; after a longer pause it reaches back to the
 * window started before the pause.
 *
 * <p>Thread-safe: every field is guarded by this object's lock, taken only by whichever thread
 * makes a report (never by a call).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class RecentWindow {

  static final long WINDOW_NANOS = 30_000_000_000L;

  private long windowStart = Ticks.nanoTime(); // when the current window started
  private long[] windowBase = {0, 0};           // {total, bad} when it started
  private long[] previousBase;                   // {total, bad} when the one before started; null: none

  /** {@code {total, bad}} in the recent window, given the running {@code total} and {@code bad} now. */
  public synchronized long[] recent(long total, long bad) {
    long nowNanos = Ticks.nanoTime();
    if (nowNanos - windowStart >= WINDOW_NANOS) {
      previousBase = windowBase;
      windowBase = new long[] {total, bad};
      windowStart = nowNanos;
    }
    long[] base = previousBase != null ? previousBase : new long[] {0, 0};
    return new long[] {total - base[0], bad - base[1]};
  }

  /** Starts afresh (the running totals were zeroed). */
  public synchronized void reset() {
    windowStart = Ticks.nanoTime();
    windowBase = new long[] {0, 0};
    previousBase = null;
  }
}
