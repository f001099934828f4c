package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** A body that throws, and ones that return null. Test fixture. */
public class ThrowingService {

  @WithTimeout(value = 1, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> throwsNow() {
    throw new IllegalStateException("boom");
  }

  @WithTimeout(value = 1, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> returnsNull() {
    return null;
  }

  @AsyncMonitor("it_null")
  public CompletableFuture<String> returnsNullMonitored() {
    return null;
  }
}
