package dev.fftt.runtime.internal.weave.childapp;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

/** Loaded by a child loader with an SLF4J of its own (see {@code PolicyContextTest}). */
public class ChildApp {

  @Retry(maxRetries = 1)
  public CompletableFuture<String> call() {
    return CompletableFuture.completedFuture("ok");
  }
}
