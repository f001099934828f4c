package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

@Retry(maxRetries = -2)
class RetryClassLevel {
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
