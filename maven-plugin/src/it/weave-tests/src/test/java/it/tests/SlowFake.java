package it.tests;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** A test double whose annotation the tests rely on. */
public class SlowFake {
  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> never() {
    return new CompletableFuture<>();
  }
}
