package dev.fftt.samples.misuse;

import dev.fftt.annotations.WithTimeout;

/** Rule 1: the annotations go on methods that return CompletableFuture or CompletionStage. */
public class Rule1NotAFuture {
  @WithTimeout(5) // expect-error: rule 1
  public String answer() {
    return "blocking answer";
  }
}
