package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;

class BlockingOption {
  @LoopCompatible
  CompletableFuture<Void> pause() throws InterruptedException {
    Thread.sleep(50);
    return CompletableFuture.completedFuture(null);
  }
}
