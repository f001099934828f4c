package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryJitterNegative {
  @Retry(delay = 10, jitter = -0.1)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
