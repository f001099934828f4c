package dev.fftt.benchmarks;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * The annotated methods of the woven rows. Each body just returns the future it is given, so a
 * woven call costs the guard and nothing else. Without the agent they are plain methods; the
 * "guard" rows call the runtime with the very policies these annotations resolve to
 * ({@link Policies}), which is what woven code does.
 */
public class Targets {

  /** Workloads a and b: timeout + monitor. */
  @WithTimeout(value = Workload.TIMEOUT_SECONDS, unit = ChronoUnit.SECONDS)
  @AsyncMonitor("bench.timeoutMonitor")
  public CompletableFuture<String> timeoutMonitor(CompletableFuture<String> f) {
    return f;
  }

  /** Workload b without the monitor: timeout only. */
  @WithTimeout(value = Workload.TIMEOUT_SECONDS, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> timeoutOnly(CompletableFuture<String> f) {
    return f;
  }

  /** Workload c: monitor only. */
  @AsyncMonitor("bench.monitor")
  public CompletableFuture<String> monitorOnly(CompletableFuture<String> f) {
    return f;
  }

  /** Workload d: retry + timeout + monitor, retries at once (as Async.safe). */
  @Retry(maxRetries = Workload.RETRIES)
  @WithTimeout(value = Workload.TIMEOUT_SECONDS, unit = ChronoUnit.SECONDS)
  @AsyncMonitor("bench.retry")
  public CompletableFuture<String> retryTimeoutMonitor(CompletableFuture<String> f) {
    return f;
  }

  /**
   * Workload e: circuit breaker only (no timeout, no monitor), stays CLOSED. Its breaker is the
   * operation's, {@code Targets.breakerOnly}, shared by every thread of the fork.
   */
  @CircuitBreaker(requestVolumeThreshold = Workload.BREAKER_WINDOW,
      failureRatio = Workload.BREAKER_FAILURE_RATIO, delay = Workload.BREAKER_DELAY_MILLIS,
      delayUnit = ChronoUnit.MILLIS)
  public CompletableFuture<String> breakerOnly(CompletableFuture<String> f) {
    return f;
  }

  /** Workload f: bulkhead only (no timeout, no monitor), never full. */
  @Bulkhead(value = Workload.BULKHEAD_LIMIT, waitingTaskQueue = Workload.BULKHEAD_QUEUE)
  public CompletableFuture<String> bulkheadOnly(CompletableFuture<String> f) {
    return f;
  }
}
