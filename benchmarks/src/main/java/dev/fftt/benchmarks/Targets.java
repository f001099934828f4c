package dev.fftt.benchmarks;

import dev.fftt.annotations.AsyncMonitor;
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
}
