package dev.fftt.samples.agent;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What the soak adds to the sample's agent interface, which has no bulkhead: a store that takes
 * the agent's reports and can write only one at a time, with one more waiting. The soak driver
 * sends three at once, so one runs, one waits and one is rejected, again and again.
 */
public class ReportStore {

  private final Executor disk = CompletableFuture.delayedExecutor(60, TimeUnit.MILLISECONDS);

  /** Stores {@code report}; the write takes 60 ms. */
  @AsyncMonitor("soak_report_store")
  @WithTimeout(value = 500, unit = ChronoUnit.MILLIS)
  @Bulkhead(value = 1, waitingTaskQueue = 1)
  public CompletableFuture<String> store(String report) {
    return CompletableFuture.supplyAsync(() -> "stored " + report, disk);
  }
}
