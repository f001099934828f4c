package dev.fftt.samples.misuse;

import dev.fftt.annotations.Retry;
import java.util.concurrent.CompletableFuture;

/** Rule 2: nothing to weave in an abstract or native method. */
public abstract class Rule2Abstract {
  @Retry
  public abstract CompletableFuture<String> fetch(); // expect-error: rule 2
}
