package dev.fftt.runtime;

/**
 * The counts and latency of one monitored operation at one moment. Every call ends in exactly one
 * of successes, failures, timeouts and cancellations (by its final outcome, after any fallback),
 * so {@code successes + failures + timeouts + cancellations + inFlight == calls}. {@code retries}
 * counts re-invocations, {@code fallbacks} the calls in which the fallback ran (whatever its
 * outcome), {@code rejections} the attempts a circuit breaker or a bulkhead refused. Latencies are
 * from the call to the completion of its future, in milliseconds, within 1%.
 */
public record OperationStats(String name, long calls, long successes, long failures, long timeouts,
    long cancellations, long retries, long inFlight, double p50Millis, double p99Millis,
    double maxMillis, long fallbacks, long rejections) {

  /** The v1 counts, with no fallbacks and no rejections. */
  public OperationStats(String name, long calls, long successes, long failures, long timeouts,
      long cancellations, long retries, long inFlight, double p50Millis, double p99Millis,
      double maxMillis) {
    this(name, calls, successes, failures, timeouts, cancellations, retries, inFlight, p50Millis,
        p99Millis, maxMillis, 0, 0);
  }
}
