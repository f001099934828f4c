package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryMaxRetriesNegative {
  @Retry(maxRetries = -1)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
