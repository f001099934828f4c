package dev.fftt.runtime.spi;

/**
 * Hears the calls of one monitored operation; {@link FfttListener#operationAdded} returns it once
 * per operation, so an exporter resolves its meters or event settings there and not per call.
 *
 * <p>A call that ends as soon as the method returns (its future already complete, no retry
 * pending) is reported by {@link #ended} alone, with a {@code null} token. A call still in flight
 * when the method returns is reported by {@link #began} on the caller's thread (in the caller's
 * context) and, with what {@code began} returned, by the events of its attempts and by
 * {@link #ended} on the thread that completes it.
 */
public interface CallListener {

  /**
   * A call is in flight; returns what to hand back with its later events (a span, a sample), or
   * {@code null}. Runs on the caller's thread just after the method returned.
   */
  default Object began() {
    return null;
  }

  /**
   * The call ended.
   *
   * @param token what {@link #began} returned, {@code null} for a call that ended at once
   * @param outcome how it ended
   * @param nanos from the call's start to its end
   * @param retries how many times the body was run again
   * @param fellBack whether the fallback ran
   * @param failure the failure the caller sees, {@code null} on success
   */
  default void ended(Object token, CallOutcome outcome, long nanos, int retries, boolean fellBack,
      Throwable failure) {}

  /** The body is about to run again ({@code retry} = 1 for the first retry) after {@code cause}. */
  default void retried(Object token, int retry, Throwable cause) {}

  /** An attempt's timeout passed; {@code timeoutNanos} is the configured timeout. */
  default void timedOut(Object token, long timeoutNanos) {}

  /** An attempt was refused before its body ran. */
  default void rejected(Object token, Rejection by) {}

  /** The fallback is about to run for {@code cause}. */
  default void fellBack(Object token, Throwable cause) {}
}
