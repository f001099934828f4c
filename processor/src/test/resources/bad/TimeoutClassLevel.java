package bad;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

@WithTimeout(value = -5)
class TimeoutClassLevel {
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
