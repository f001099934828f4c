package dev.fftt.samples.misuse;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;

/** Rule 6: a loop-compatible body must not block its loop. */
public class Rule6Blocking {
  private final CompletableFuture<String> pending = new CompletableFuture<>();

  @LoopCompatible(runOn = "processing")
  public CompletableFuture<String> waits() throws Exception {
    String value = pending.get(); // expect-error: rule 6
    Thread.sleep(10); // expect-error: rule 6
    return CompletableFuture.completedFuture(value + pending.join()); // expect-error: rule 6
  }

  @LoopCompatible
  public CompletableFuture<String> fine() {
    // Inside a lambda the wait is not the body's own: allowed.
    return CompletableFuture.supplyAsync(pending::join, Runnable::run);
  }
}
