package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryMaxDurationEqualToDelay {
  @Retry(delay = 100,
      maxDuration = 100)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
