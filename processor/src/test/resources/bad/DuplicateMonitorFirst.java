package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

class DuplicateMonitorFirst {
  @AsyncMonitor("payments")
  CompletableFuture<String> pay() {
    return CompletableFuture.completedFuture("x");
  }
}
