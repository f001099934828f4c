package dev.fftt.runtime.spi;

import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.Resilience;

/** Counts exporters read when they are scraped, beyond what {@code Diagnostics} reports. */
public final class ResilienceCounts {

  private ResilienceCounts() {}

  /**
   * The circuit breaker of {@code operation}'s attempts since the last reset: {@code result} is
   * {@code success} or {@code failure} (outcomes it recorded, as its {@code failOn}/{@code skipOn}
   * judged them) or {@code rejected} (attempts it refused); 0 when there is no such breaker.
   */
  public static long circuitBreakerCalls(String operation, String result) {
    Breaker breaker = Resilience.findBreaker(operation);
    if (breaker == null) {
      return 0;
    }
    long[] outcomes = breaker.outcomes();
    switch (result) {
      case "success": return outcomes[0];
      case "failure": return outcomes[1];
      case "rejected": return outcomes[2];
      default: throw new IllegalArgumentException("result must be success, failure or rejected: "
          + result);
    }
  }
}
