package dev.fftt.runtime;

/**
 * The failure of an attempt that a full bulkhead refused: every permit was held and the waiting
 * room was full, so the method was not invoked. Message e.g.
 * {@code "bulkhead of Backend.fetch is full: 10 running, 10 waiting"}.
 */
public class BulkheadRejectedException extends FaultToleranceException {

  private static final long serialVersionUID = 1L;

  /**
   * @param operation the operation whose bulkhead refused the attempt
   * @param running how many attempts held a permit
   * @param waiting how many attempts were waiting for one
   */
  public BulkheadRejectedException(String operation, int running, int waiting) {
    super(operation, "bulkhead of " + operation + " is full: " + running + " running, "
        + waiting + " waiting");
  }
}
