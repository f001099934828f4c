package dev.fftt.otel.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Woven by the agent (compiled without the processor, which the agent does not need). */
public class Backend {

  private final AtomicInteger attempts = new AtomicInteger();
  private final Supplier<String> currentSpan;
  volatile String spanInRetry = "not run";

  Backend(Supplier<String> currentSpan) {
    this.currentSpan = currentSpan;
  }

  /** Fails its first attempt; the retry runs 20 ms later on a runtime thread. */
  @AsyncMonitor("otel-it.fetch")
  @Retry(maxRetries = 1, delay = 20, delayUnit = ChronoUnit.MILLIS)
  public CompletableFuture<String> fetch() {
    if (attempts.incrementAndGet() == 1) {
      return CompletableFuture.failedFuture(new IOException("first attempt fails"));
    }
    spanInRetry = currentSpan.get();
    return CompletableFuture.completedFuture("fetched");
  }

  /** Ends at once. */
  @AsyncMonitor("otel-it.now")
  public CompletableFuture<String> now() {
    return CompletableFuture.completedFuture("now");
  }
}
