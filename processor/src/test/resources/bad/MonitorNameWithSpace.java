package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

class MonitorNameWithSpace {
  @AsyncMonitor("agent processing")
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
