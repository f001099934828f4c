package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

class MonitorNameWithSlash {
  @AsyncMonitor(value = "orders/create")
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
