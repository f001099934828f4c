package bad;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

@WithTimeout(1)
abstract class ClassLevelAndOwnOnAbstract {
  @Retry
  abstract CompletableFuture<String> fetch();
}
