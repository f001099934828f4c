package dev.fftt.agent.internal;

import java.util.concurrent.CompletableFuture;

/** No FFTT annotation at all. */
public class PlainFixture {

  public CompletableFuture<String> plain() {
    return CompletableFuture.completedFuture("plain");
  }
}
