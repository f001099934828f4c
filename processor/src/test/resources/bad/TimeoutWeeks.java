package bad;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

class TimeoutWeeks {
  @WithTimeout(value = 2, unit = ChronoUnit.WEEKS)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
