package bad;

import dev.fftt.annotations.AsyncMonitor;
import java.util.concurrent.CompletableFuture;

class NativeMethod {
  @AsyncMonitor
  native CompletableFuture<String> fetch();
}
