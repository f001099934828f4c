package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

@AsyncMonitor("payments")
class DuplicateMonitorSecond {
  CompletableFuture<String> refund() {
    return CompletableFuture.completedFuture("x");
  }
}
