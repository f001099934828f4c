package dev.fftt.agent.internal;

import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

/**
 * A covariant override: javac adds a bridge {@code CompletionStage get()} that calls the real
 * method and carries a copy of its annotations. Test fixture.
 */
public class BridgeFixture implements BridgeFixtureApi {

  @Override
  @WithTimeout(1)
  public CompletableFuture<String> get() {
    return CompletableFuture.completedFuture("real");
  }
}
