package bad;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

@Retry(maxDuration = 1, durationUnit = ChronoUnit.SECONDS)
class RetryShorterThanClassTimeout {
  @WithTimeout(value = 1500, unit = ChronoUnit.MILLIS)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }

  CompletableFuture<String> untimed() {
    return CompletableFuture.completedFuture("x");
  }
}
