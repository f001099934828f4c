package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;

@LoopCompatible(runOn = "processing")
class RunAsyncWithoutExecutor {
  CompletableFuture<Void> save() {
    return CompletableFuture.runAsync(() -> {});
  }
}
