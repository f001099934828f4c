package dev.fftt.runtime;

/**
 * The counts and latency of one monitored operation at one moment. Every call ends in exactly one
 * of successes, failures, timeouts and cancellations, so
 * {@code successes + failures + timeouts + cancellations + inFlight == calls}. {@code retries}
 * counts re-invocations. Latencies are from the call to the completion of its future, in
 * milliseconds, within 1%.
 */
public record OperationStats(String name, long calls, long successes, long failures, long timeouts,
    long cancellations, long retries, long inFlight, double p50Millis, double p99Millis,
    double maxMillis) {
}
