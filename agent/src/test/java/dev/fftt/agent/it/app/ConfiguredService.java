package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Methods whose annotation values the configuration overrides change. Listed in the test index
 * (as if compiled with the processor), so keys naming it are checked at start. Test fixture:
 * refers to the annotations only.
 */
@WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
public class ConfiguredService {

  public final AtomicInteger calls = new AtomicInteger();

  /** Always fails: the number of calls tells the retries in force. */
  @Retry(maxRetries = 1)
  @AsyncMonitor("it_config_failing")
  public CompletableFuture<String> failing() {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(new IOException("no"));
  }

  /** Never completes: times out after the class-level 5 s unless overridden. */
  @AsyncMonitor("it_config_slow")
  public CompletableFuture<String> slow() {
    return new CompletableFuture<>();
  }

  /** Paced retries: an override of maxDelay below 100 breaks rule 4 merged with this delay. */
  @Retry(maxRetries = 0, delay = 100)
  public CompletableFuture<String> paced() {
    return CompletableFuture.completedFuture("paced");
  }
}
