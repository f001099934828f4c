package bad;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

class RetryShorterThanTimeout {
  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 3,
      maxDuration = 500)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
