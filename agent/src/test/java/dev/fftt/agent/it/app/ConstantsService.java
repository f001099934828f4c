package dev.fftt.agent.it.app;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * A class with policy constants in the processor's format ({@code ConstantsService$$FfttPolicy},
 * written by hand here). They deliberately differ from the annotation (120 ms and a monitor
 * instead of 5 s), so a test can tell which one the runtime used.
 */
public class ConstantsService {

  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> slow() {
    return new CompletableFuture<>();
  }

  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> quick() {
    return CompletableFuture.completedFuture("quick");
  }
}
