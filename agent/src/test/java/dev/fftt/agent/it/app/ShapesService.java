package dev.fftt.agent.it.app;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Private, static, final methods and self-invocation. Test fixture: refers to the annotations only. */
public class ShapesService {

  public static final AtomicInteger STATIC_CALLS = new AtomicInteger();
  public final AtomicInteger privateCalls = new AtomicInteger();
  public final AtomicInteger finalCalls = new AtomicInteger();
  public final AtomicInteger innerCalls = new AtomicInteger();

  public void reset() {
    STATIC_CALLS.set(0);
    privateCalls.set(0);
    finalCalls.set(0);
    innerCalls.set(0);
  }

  /** Not annotated: calls a private woven method. */
  public CompletableFuture<String> viaPrivate() {
    return privateRetry();
  }

  @Retry(maxRetries = 2)
  private CompletableFuture<String> privateRetry() {
    return thirdTimeLucky(privateCalls.incrementAndGet(), "private");
  }

  @Retry(maxRetries = 2)
  public static CompletableFuture<String> staticRetry(long id, String... tags) {
    return thirdTimeLucky(STATIC_CALLS.incrementAndGet(), "static" + id + String.join("", tags));
  }

  @Retry(maxRetries = 2)
  public final CompletableFuture<String> finalRetry() {
    return thirdTimeLucky(finalCalls.incrementAndGet(), "final");
  }

  /** Calls its own woven method. */
  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> outer() {
    return inner().thenApply(s -> "outer(" + s + ")");
  }

  @Retry(maxRetries = 2)
  CompletableFuture<String> inner() {
    return thirdTimeLucky(innerCalls.incrementAndGet(), "inner");
  }

  /** Not annotated: calls its own timed method (a proxy would not see this call). */
  public CompletableFuture<String> callsTimed() {
    return timed();
  }

  @WithTimeout(value = 100, unit = ChronoUnit.MILLIS)
  CompletableFuture<String> timed() {
    return new CompletableFuture<>();
  }

  private static CompletableFuture<String> thirdTimeLucky(int n, String what) {
    return n < 3 ? CompletableFuture.failedFuture(new IOException(what + " attempt " + n))
        : CompletableFuture.completedFuture(what + n);
  }
}
