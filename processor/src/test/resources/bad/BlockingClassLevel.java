package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;

@LoopCompatible
class BlockingClassLevel {
  CompletableFuture<String> load(CompletableFuture<String> pending) {
    return CompletableFuture.completedFuture(pending.join());
  }

  String notReached(CompletableFuture<String> pending) {
    return pending.join();
  }
}
