package bad;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

class TimeoutMonths {
  @WithTimeout(value = 1, unit = ChronoUnit.MONTHS)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
