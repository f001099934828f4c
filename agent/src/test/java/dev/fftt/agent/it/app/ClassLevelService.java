package dev.fftt.agent.it.app;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A class-level annotation and a method-level override. Test fixture. */
@WithTimeout(value = 100, unit = ChronoUnit.MILLIS)
public class ClassLevelService {

  public CompletableFuture<String> inherits() {
    return new CompletableFuture<>();
  }

  /** 300 ms of work: too long for the class's 100 ms, fine for the method's own 5 s. */
  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> overrides() {
    return CompletableFuture.supplyAsync(() -> "in time",
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
  }

  public String plain() {
    return "plain";
  }
}
