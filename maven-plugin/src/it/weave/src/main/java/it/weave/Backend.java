package it.weave;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

public class Backend {

  public final AtomicInteger attempts = new AtomicInteger();

  /** Fails twice, then answers. */
  @AsyncMonitor("it_flaky")
  @Retry(maxRetries = 3)
  public CompletableFuture<String> flaky() {
    return attempts.incrementAndGet() < 3
        ? CompletableFuture.failedFuture(new IOException("attempt " + attempts.get()))
        : CompletableFuture.completedFuture("ok after " + attempts.get());
  }

  /** Never answers. */
  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> never() {
    return new CompletableFuture<>();
  }
}
