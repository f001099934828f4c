package bad;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

class TimeoutNegative {
  @WithTimeout(value = -1)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
