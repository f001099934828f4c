package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryDelayNegative {
  @Retry(delay = -100)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
