package dev.fftt.runtime;

/**
 * The failure of an attempt that an open (or half-open and busy) circuit breaker refused: the
 * method was not invoked. Message e.g. {@code "circuit breaker of Backend.fetch is OPEN"}.
 */
public class CircuitBreakerOpenException extends FaultToleranceException {

  private static final long serialVersionUID = 1L;

  /**
   * @param operation the operation whose breaker refused the attempt
   * @param state the breaker's state when it refused ({@code OPEN} or {@code HALF_OPEN})
   */
  public CircuitBreakerOpenException(String operation, String state) {
    super(operation, "circuit breaker of " + operation + " is " + state
        + ("HALF_OPEN".equals(state) ? " and its trial attempts are all in flight" : ""));
  }
}
