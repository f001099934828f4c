package dev.fftt.runtime.internal.util;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Converts and describes durations for policies and messages.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Durations {

  private Durations() {}

  /** {@code d} in nanoseconds, saturating at {@link Long#MAX_VALUE}. */
  public static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** {@code amount} of {@code unit} in nanoseconds, saturating at {@link Long#MAX_VALUE}. */
  public static long toNanos(long amount, ChronoUnit unit) {
    if (amount <= 0) {
      return 0;
    }
    try {
      return Math.multiplyExact(amount, unit.getDuration().toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // past 292 years, or a unit longer than that (FOREVER)
    }
  }

  /**
   * A short human form in the largest unit that divides it exactly: {@code 250 ms}, {@code 30 s},
   * {@code 1500 ms} (never a fraction), {@code 10 µs} or {@code 7 ns}.
   */
  public static String describe(Duration d) {
    long nanos = saturatedNanos(d);
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + " s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + " ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + " µs";
    }
    return nanos + " ns";
  }

  /** As {@link #describe(Duration)} for {@code amount} of {@code unit}, e.g. {@code 100 MILLIS} → {@code 100 ms}. */
  public static String describe(long amount, ChronoUnit unit) {
    switch (unit) {
      case NANOS: return amount + " ns";
      case MICROS: return amount + " µs";
      case MILLIS: return amount + " ms";
      case SECONDS: return amount + " s";
      case MINUTES: return amount + " min";
      case HOURS: return amount + " h";
      case DAYS: return amount + " d";
      default: return amount + " " + unit.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
