package bad;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

class TimeoutZero {
  @WithTimeout(value = 0)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
