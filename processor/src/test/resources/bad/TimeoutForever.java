package bad;

import static java.time.temporal.ChronoUnit.FOREVER;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

class TimeoutForever {
  @WithTimeout(value = 1, unit = FOREVER)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
