package bad;

import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

class BlockingInFallback {
  private final CompletableFuture<String> pending = new CompletableFuture<>();

  @LoopCompatible
  @Fallback(fallbackMethod = "cached")
  CompletableFuture<String> fetch(String id) {
    return CompletableFuture.completedFuture(id);
  }

  private CompletableFuture<String> cached(String id) {
    String value = pending.join();
    return CompletableFuture.completedFuture(value);
  }

  CompletableFuture<String> cached(String id, IOException failure) throws InterruptedException {
    Thread.sleep(5);
    return CompletableFuture.completedFuture(id);
  }

  /** Not a fallback of fetch (other parameters): not checked. */
  CompletableFuture<String> cached(int id) {
    return CompletableFuture.completedFuture(pending.join());
  }

  /** Blocks, but is no fallback of a @LoopCompatible method: not checked. */
  CompletableFuture<String> unrelated() {
    return CompletableFuture.completedFuture(pending.join());
  }
}
