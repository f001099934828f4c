package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Jitter;
import java.util.List;

/**
 * An immutable retry policy with every duration already in nanoseconds.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class RetrySpec {

  final int maxRetries;
  final long delayNanos;
  final double multiplier;
  final long maxDelayNanos;
  final double jitter;
  final long maxDurationNanos;
  private final Class<?>[] retryOn;
  private final Class<?>[] abortOn;

  /**
   * @param maxRetries re-invocations after the first attempt, 0 or more
   * @param delayNanos pause before the first retry
   * @param multiplier growth of each further pause, at least 1
   * @param maxDelayNanos cap on a pause, 0 for none
   * @param jitter fraction (0..1) by which each pause is spread at random
   * @param maxDurationNanos budget for the whole call, 0 for none
   * @param retryOn failures that are retried
   * @param abortOn failures that are never retried
   * @throws IllegalArgumentException when a value is out of its range
   */
  public RetrySpec(int maxRetries, long delayNanos, double multiplier, long maxDelayNanos,
      double jitter, long maxDurationNanos, List<Class<?>> retryOn, List<Class<?>> abortOn) {
    Checks.argument(maxRetries >= 0, "maxRetries must be 0 or more, was %s", maxRetries);
    Checks.argument(delayNanos >= 0, "delay must be 0 or more, was %s ns", delayNanos);
    Checks.argument(multiplier >= 1.0, "multiplier must be 1.0 or more, was %s", multiplier);
    Checks.argument(maxDelayNanos >= 0, "maxDelay must be 0 or more, was %s ns", maxDelayNanos);
    Checks.argument(jitter >= 0.0 && jitter <= 1.0, "jitter must be within 0..1, was %s", jitter);
    Checks.argument(maxDurationNanos >= 0, "maxDuration must be 0 or more, was %s ns", maxDurationNanos);
    this.maxRetries = maxRetries;
    this.delayNanos = delayNanos;
    this.multiplier = multiplier;
    this.maxDelayNanos = maxDelayNanos;
    this.jitter = jitter;
    this.maxDurationNanos = maxDurationNanos;
    this.retryOn = retryOn.toArray(new Class<?>[0]);
    this.abortOn = abortOn.toArray(new Class<?>[0]);
  }

  /** Retries {@code retries} times at once on any {@link Exception}: the policy of {@code Async.safe}. */
  public static RetrySpec immediate(int retries) {
    return new RetrySpec(retries, 0, 1.0, 0, 0.0, 0, List.of(Exception.class), List.of());
  }

  /** Whether {@code failure} (already unwrapped) is an instance of some retryOn class and of no abortOn class. */
  public boolean retries(Throwable failure) {
    return isInstanceOfAny(failure, retryOn) && !isInstanceOfAny(failure, abortOn);
  }

  /** The pause before retry number {@code n} (1-based): delay × multiplier^(n-1), capped, spread by jitter. */
  public long delayBeforeRetry(int n) {
    if (delayNanos == 0) {
      return 0;
    }
    double d = delayNanos * Math.pow(multiplier, n - 1);
    if (maxDelayNanos > 0 && d > maxDelayNanos) {
      d = maxDelayNanos;
    }
    if (jitter > 0) {
      d += d * jitter * (Jitter.nextDouble() * 2 - 1);
    }
    return d >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, (long) d);
  }

  /** Whether any pause is configured (so a timer is needed between attempts). */
  boolean hasDelay() {
    return delayNanos > 0;
  }

  private static boolean isInstanceOfAny(Throwable t, Class<?>[] types) {
    for (Class<?> type : types) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Retry[maxRetries=" + maxRetries + ", delayNanos=" + delayNanos + ", multiplier="
        + multiplier + ", maxDelayNanos=" + maxDelayNanos + ", jitter=" + jitter
        + ", maxDurationNanos=" + maxDurationNanos + ", retryOn=" + names(retryOn)
        + ", abortOn=" + names(abortOn) + "]";
  }

  private static String names(Class<?>[] types) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      b.append(i == 0 ? "" : ", ").append(types[i].getName());
    }
    return b.append(']').toString();
  }
}
