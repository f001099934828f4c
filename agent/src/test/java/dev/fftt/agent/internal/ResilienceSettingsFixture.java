package dev.fftt.agent.internal;

import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** Every kind of value the resilience annotations take, on the type and on methods. */
@CircuitBreaker(requestVolumeThreshold = 7, failureRatio = 0.25, delay = 3,
    delayUnit = ChronoUnit.SECONDS, successThreshold = 2,
    failOn = {IOException.class, TimeoutException.class},
    skipOn = ResilienceSettingsFixture.Custom.class)
@Bulkhead(value = 3, waitingTaskQueue = 0)
public class ResilienceSettingsFixture {

  /** A nested exception: its binary name has a '$'. */
  public static class Custom extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Only the type's annotations. */
  public CompletableFuture<String> fromType() {
    return CompletableFuture.completedFuture("a");
  }

  /** Its own breaker (an empty skipOn written out) replaces the type's; a fallback of its own. */
  @CircuitBreaker(failureRatio = 1.0, skipOn = {})
  @Fallback(fallbackMethod = "fallback", applyOn = {IOException.class, Error.class},
      skipOn = FileNotFoundException.class)
  public CompletableFuture<String> own(int n) {
    return CompletableFuture.completedFuture("b");
  }

  /** Defaults only. */
  @Bulkhead
  @Fallback(fallbackMethod = "fallback")
  public static CompletableFuture<String> defaults(int n) {
    return CompletableFuture.completedFuture("c");
  }

  public static CompletableFuture<String> fallback(int n) {
    return CompletableFuture.completedFuture("fallback");
  }
}
