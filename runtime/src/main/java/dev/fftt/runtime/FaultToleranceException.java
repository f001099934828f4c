package dev.fftt.runtime;

/**
 * A call refused by a resilience policy before its body ran: the base of
 * {@link CircuitBreakerOpenException} and {@link BulkheadRejectedException}. Its message names the
 * operation. It carries no stack trace: it is created where the refusal is decided, which says
 * nothing about the call.
 */
public class FaultToleranceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String operation;

  /**
   * @param operation the operation that refused the attempt
   * @param message the whole message (it names the operation)
   */
  protected FaultToleranceException(String operation, String message) {
    super(message, null, true, false); // suppression on: a retried call attaches earlier failures
    this.operation = operation;
  }

  /** The operation that refused the attempt (its monitor name, or {@code Class.method}). */
  public String operation() {
    return operation;
  }
}
