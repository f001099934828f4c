package dev.fftt.jfr.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Woven by the agent in the forked JVM. Test fixture: refers to the annotations only. */
public class JfrService {

  private final AtomicInteger flakyAttempts = new AtomicInteger();

  @AsyncMonitor("jfr-it.slow")
  public CompletableFuture<String> slow() {
    return CompletableFuture.supplyAsync(() -> "slow",
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
  }

  @AsyncMonitor("jfr-it.cached")
  public CompletableFuture<String> cached() {
    return CompletableFuture.completedFuture("cached");
  }

  @AsyncMonitor("jfr-it.flaky")
  @Retry(maxRetries = 1)
  public CompletableFuture<String> flaky() {
    return flakyAttempts.incrementAndGet() == 1
        ? CompletableFuture.failedFuture(new IOException("first attempt"))
        : CompletableFuture.completedFuture("flaky");
  }

  @AsyncMonitor("jfr-it.stuck")
  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> stuck() {
    return new CompletableFuture<>();
  }
}
