package dev.fftt.runtime;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The failure of a guarded call (or one attempt of it) that did not complete within its limit.
 * Its message names the operation and the limit, e.g. {@code "Agent.fetch timed out after 100 ms"}.
 * It carries no stack trace: it is created on a runtime completion thread, where the stack would
 * say nothing about the call.
 */
public class AsyncTimeoutException extends TimeoutException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final Duration limit;

  /**
   * @param operation the operation that timed out
   * @param limit the limit that passed
   * @param limitText how the limit is written in the message (e.g. {@code "100 ms"})
   */
  public AsyncTimeoutException(String operation, Duration limit, String limitText) {
    super(operation + " timed out after " + limitText);
    this.operation = operation;
    this.limit = limit;
  }

  /** The operation that timed out (its monitor name, or {@code Class.method}). */
  public String operation() {
    return operation;
  }

  /** The limit that passed. */
  public Duration limit() {
    return limit;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
