package dev.fftt.agent.it.app;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** Timeouts. Test fixture: refers to the annotations only. */
public class TimeoutService {

  /** The future the body returned last. */
  public final AtomicReference<CompletableFuture<String>> lastBody = new AtomicReference<>();

  @WithTimeout(value = 150, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> never() {
    CompletableFuture<String> f = new CompletableFuture<>();
    lastBody.set(f);
    return f;
  }

  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> quick() {
    CompletableFuture<String> f = CompletableFuture.completedFuture("ok");
    lastBody.set(f);
    return f;
  }
}
