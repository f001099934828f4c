package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

class RetryMultiplierBelowOne {
  @Retry(delay = 10, multiplier = 0.5)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
