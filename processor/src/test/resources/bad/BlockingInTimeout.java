package bad;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

class BlockingInTimeout {
  @WithTimeout(2)
  CompletableFuture<String> fetch(CompletableFuture<String> source) {
    String value = source.join();
    return CompletableFuture.completedFuture(value);
  }
}
