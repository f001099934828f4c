package bad;

import dev.fftt.annotations.Retry;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

class RetryMaxDurationNotLonger {
  @Retry(delay = 1, delayUnit = ChronoUnit.SECONDS,
      maxDuration = 500, durationUnit = ChronoUnit.MILLIS)
  CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
