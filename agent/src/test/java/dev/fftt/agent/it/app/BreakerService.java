package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Retry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Circuit breakers. Test fixture: refers to the annotations only. */
public class BreakerService {

  public final AtomicInteger calls = new AtomicInteger();
  public final AtomicInteger plainCalls = new AtomicInteger();
  public final AtomicInteger retriedCalls = new AtomicInteger();
  /** The futures of bodies asked to "hold", in call order; the scenario completes them. */
  public final List<CompletableFuture<String>> held = new CopyOnWriteArrayList<>();

  public void reset() {
    calls.set(0);
    plainCalls.set(0);
    retriedCalls.set(0);
    held.clear();
  }

  /**
   * A window of 4 that opens at 3 failures; IOException counts, FileNotFoundException (an
   * IOException) and anything else do not; two trials close it again.
   */
  @AsyncMonitor("it_breaker")
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 300,
      delayUnit = ChronoUnit.MILLIS, successThreshold = 2, failOn = IOException.class,
      skipOn = FileNotFoundException.class)
  public CompletableFuture<String> call(String outcome) {
    calls.incrementAndGet();
    return outcome(outcome, held);
  }

  /** No @AsyncMonitor: the breaker is named BreakerService.plain. */
  @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 1,
      delayUnit = ChronoUnit.MINUTES)
  public CompletableFuture<String> plain() {
    plainCalls.incrementAndGet();
    return CompletableFuture.failedFuture(new IOException("plain down"));
  }

  /** Retries outside the breaker: attempts 1 and 2 open it, 3 and 4 are refused by it. */
  @AsyncMonitor("it_breaker_retried")
  @Retry(maxRetries = 3)
  @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1,
      delayUnit = ChronoUnit.MINUTES)
  public CompletableFuture<String> retried() {
    return CompletableFuture.failedFuture(new IOException("attempt " + retriedCalls.incrementAndGet()));
  }

  static CompletableFuture<String> outcome(String outcome, List<CompletableFuture<String>> held) {
    switch (outcome) {
      case "ok":
        return CompletableFuture.completedFuture("ok");
      case "io":
        return CompletableFuture.failedFuture(new IOException("io"));
      case "fnf":
        return CompletableFuture.failedFuture(new FileNotFoundException("fnf"));
      case "ise":
        return CompletableFuture.failedFuture(new IllegalStateException("ise"));
      case "hold":
        CompletableFuture<String> f = new CompletableFuture<>();
        held.add(f);
        return f;
      default:
        throw new IllegalArgumentException(outcome);
    }
  }
}
