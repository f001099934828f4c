package dev.fftt.agent.it.app;

import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A woven method that a subclass overrides and calls through super. Test fixture. */
public class BaseService {

  public final AtomicInteger baseCalls = new AtomicInteger();

  @Retry(maxRetries = 2)
  public CompletableFuture<String> work() {
    int n = baseCalls.incrementAndGet();
    return n < 3 ? CompletableFuture.failedFuture(new IOException("base attempt " + n))
        : CompletableFuture.completedFuture("base" + n);
  }
}
