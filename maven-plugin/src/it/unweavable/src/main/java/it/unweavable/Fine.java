package it.unweavable;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

public class Fine {
  @WithTimeout(1)
  public CompletableFuture<String> fine() {
    return CompletableFuture.completedFuture("fine");
  }
}
