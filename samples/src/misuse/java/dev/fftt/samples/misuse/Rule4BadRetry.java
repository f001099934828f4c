package dev.fftt.samples.misuse;

import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Rule 4: retry values must make sense. */
public class Rule4BadRetry {
  @Retry(maxRetries = -1) // expect-error: rule 4
  public CompletableFuture<String> negativeRetries() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry(delay = -5) // expect-error: rule 4
  public CompletableFuture<String> negativeDelay() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry(multiplier = 0.5) // expect-error: rule 4
  public CompletableFuture<String> shrinking() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry(jitter = 1.5) // expect-error: rule 4
  public CompletableFuture<String> tooMuchJitter() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry(delay = 100, maxDelay = 50) // expect-error: rule 4
  public CompletableFuture<String> capBelowDelay() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry(delay = 100, maxDuration = 100) // expect-error: rule 4
  public CompletableFuture<String> budgetNotLonger() {
    return CompletableFuture.completedFuture("x");
  }

  @Retry(retryOn = IOException.class, abortOn = IOException.class) // expect-error: rule 4
  public CompletableFuture<String> both() {
    return CompletableFuture.completedFuture("x");
  }
}
