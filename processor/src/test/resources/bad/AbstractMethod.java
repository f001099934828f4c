package bad;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

abstract class AbstractMethod {
  @Retry
  abstract CompletableFuture<String> fetch();
}
