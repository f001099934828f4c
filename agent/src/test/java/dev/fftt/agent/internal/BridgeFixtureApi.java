package dev.fftt.agent.internal;

import java.util.concurrent.CompletionStage;

/** What {@link BridgeFixture}'s bridge implements. Test fixture. */
public interface BridgeFixtureApi {
  CompletionStage<String> get();
}
