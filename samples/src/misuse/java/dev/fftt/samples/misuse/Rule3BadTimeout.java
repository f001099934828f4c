package dev.fftt.samples.misuse;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/** Rule 3: a timeout must be positive, in a unit no longer than DAYS. */
public class Rule3BadTimeout {
  @WithTimeout(value = 0) // expect-error: rule 3
  public CompletableFuture<String> zero() {
    return CompletableFuture.completedFuture("x");
  }

  @WithTimeout(value = 1, unit = ChronoUnit.WEEKS) // expect-error: rule 3
  public CompletableFuture<String> weeks() {
    return CompletableFuture.completedFuture("x");
  }
}
