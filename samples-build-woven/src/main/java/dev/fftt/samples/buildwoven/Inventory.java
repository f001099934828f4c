package dev.fftt.samples.buildwoven;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend whose methods are guarded by annotations only; fftt-maven-plugin weaves them when the
 * module builds, so no agent is needed when it runs.
 */
public class Inventory {

  private final AtomicInteger lookups = new AtomicInteger();

  /** Fails twice with an IOException, then answers 42: two retries make it succeed. */
  @AsyncMonitor("inventory_lookup")
  @Retry(maxRetries = 2, delay = 10)
  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
  public CompletableFuture<Integer> stock(String item) {
    int attempt = lookups.incrementAndGet();
    if (attempt % 3 != 0) {
      return CompletableFuture.failedFuture(new IOException("backend busy (attempt " + attempt
          + " for " + item + ")"));
    }
    return CompletableFuture.completedFuture(42);
  }

  /** Never answers: the timeout ends it, and the fallback answers -1. */
  @AsyncMonitor("inventory_slow")
  @WithTimeout(value = 100, unit = ChronoUnit.MILLIS)
  @Fallback(fallbackMethod = "cached")
  public CompletableFuture<Integer> slow(String item) {
    return new CompletableFuture<>();
  }

  private CompletableFuture<Integer> cached(String item) {
    return CompletableFuture.completedFuture(-1);
  }

  /** How many times {@link #stock}'s body ran. */
  public int lookups() {
    return lookups.get();
  }
}
