package dev.fftt.agent.it.app;

import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A breaker and a bulkhead set on the type reach each method, one of each per method. Test
 * fixture: refers to the annotations only.
 */
@CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1,
    delayUnit = ChronoUnit.MINUTES, failOn = IOException.class)
@Bulkhead(value = 1, waitingTaskQueue = 0)
public class TypeLevelResilienceService {

  public final AtomicInteger failCalls = new AtomicInteger();
  public final AtomicInteger holdCalls = new AtomicInteger();
  public final List<CompletableFuture<String>> held = new CopyOnWriteArrayList<>();

  public void reset() {
    failCalls.set(0);
    holdCalls.set(0);
    held.clear();
  }

  public CompletableFuture<String> fail() {
    failCalls.incrementAndGet();
    return CompletableFuture.failedFuture(new IOException("down"));
  }

  public CompletableFuture<String> hold() {
    holdCalls.incrementAndGet();
    CompletableFuture<String> f = new CompletableFuture<>();
    held.add(f);
    return f;
  }
}
