package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;

class SupplyAsyncWithoutExecutor {
  @LoopCompatible
  CompletableFuture<String> load() {
    return CompletableFuture.supplyAsync(() -> "data");
  }
}
