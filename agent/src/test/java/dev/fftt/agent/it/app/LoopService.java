package dev.fftt.agent.it.app;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** runOn and the completion hop. Test fixture: refers to the annotations only. */
public class LoopService {

  @LoopCompatible(runOn = "it-processing")
  public CompletableFuture<String> where() {
    return CompletableFuture.completedFuture(Thread.currentThread().getName());
  }

  @LoopCompatible(runOn = "it-missing")
  public CompletableFuture<String> nowhere() {
    return CompletableFuture.completedFuture("ran");
  }

  /** Completes 50 ms later on a JDK pool thread. */
  @LoopCompatible
  public CompletableFuture<String> later() {
    return CompletableFuture.supplyAsync(() -> "later",
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
  }
}
