package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

class DuplicateMonitorName {
  @AsyncMonitor("orders")
  CompletableFuture<String> place() {
    return CompletableFuture.completedFuture("x");
  }

  @AsyncMonitor(value = "orders")
  CompletableFuture<String> cancel() {
    return CompletableFuture.completedFuture("x");
  }
}
