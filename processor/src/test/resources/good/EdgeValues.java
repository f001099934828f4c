package good;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** Values at the edges of what the rules allow. */
public class EdgeValues {
  @WithTimeout(value = 1, unit = ChronoUnit.DAYS, cancel = false)
  @Retry(maxRetries = 0, delay = 0, multiplier = 1.0, jitter = 0.0)
  @AsyncMonitor("edge.values_1-a")
  public CompletableFuture<String> lowest() {
    return CompletableFuture.completedFuture("x");
  }

  @WithTimeout(value = 1, unit = ChronoUnit.NANOS)
  @Retry(delay = 100, maxDelay = 100, jitter = 1.0, multiplier = 10,
      maxDuration = 1, durationUnit = ChronoUnit.SECONDS,
      retryOn = {IOException.class, UncheckedIOException.class}, abortOn = {})
  public CompletableFuture<String> highest() {
    return CompletableFuture.completedFuture("x");
  }

  @WithTimeout(value = 500, unit = ChronoUnit.MILLIS)
  @Retry(maxDuration = 500, retryOn = Exception.class, abortOn = IllegalStateException.class)
  public CompletableFuture<String> budgetEqualToTimeout() {
    return CompletableFuture.completedFuture("x");
  }
}
