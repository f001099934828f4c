package dev.fftt.agent.it.app;

import java.util.concurrent.CompletableFuture;

/** A fallback declared in a superclass. Test fixture: refers to the annotations only. */
public class FallbackBase {

  protected CompletableFuture<String> inherited(String key) {
    return CompletableFuture.completedFuture("inherited " + key + " by " + getClass().getSimpleName());
  }
}
