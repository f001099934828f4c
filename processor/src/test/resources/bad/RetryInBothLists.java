package bad;

import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

class RetryInBothLists {
  @Retry(retryOn = {IOException.class, TimeoutException.class},
      abortOn = {IllegalStateException.class, IOException.class})
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
