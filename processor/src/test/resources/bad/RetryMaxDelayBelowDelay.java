package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryMaxDelayBelowDelay {
  @Retry(delay = 100,
      maxDelay = 50)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
