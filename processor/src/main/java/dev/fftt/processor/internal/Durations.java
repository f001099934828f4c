package dev.fftt.processor.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Compares amounts given in different {@link ChronoUnit}s without overflow (estimated units such
 * as {@code MONTHS} count at their estimated length).
 *
 * <p>Internal; not API, may change without notice.
 */
final class Durations {

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  private Durations() {}

  /** {@code amount} of {@code unit} in nanoseconds. */
  static BigInteger nanos(long amount, ChronoUnit unit) {
    Duration one = unit.getDuration();
    BigInteger perUnit = BigInteger.valueOf(one.getSeconds())
        .multiply(NANOS_PER_SECOND)
        .add(BigInteger.valueOf(one.getNano()));
    return perUnit.multiply(BigInteger.valueOf(amount));
  }

  /** How messages write an amount, e.g. {@code 500 MILLIS}. */
  static String describe(long amount, ChronoUnit unit) {
    return amount + " " + unit.name();
  }
}
