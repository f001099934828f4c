package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryJitterAboveOne {
  @Retry(delay = 10, jitter = 1.5)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
