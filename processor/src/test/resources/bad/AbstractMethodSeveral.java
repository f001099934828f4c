package bad;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

interface AbstractMethodSeveral {
  @WithTimeout(1)
  @Retry
  @AsyncMonitor("fetch")
  CompletableFuture<String> fetch(int id);
}
