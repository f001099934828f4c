package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

@AsyncMonitor("shop:orders")
class MonitorClassLevel {
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
