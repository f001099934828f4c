package dev.fftt.jfr.internal;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.Rejection;

/**
 * Writes the events of one monitored operation's calls. Each method first asks whether its event
 * is recorded now ({@link JfrGate}, then the event type's probe: two field reads), so a JVM that
 * records nothing allocates nothing per call.
 *
 * <p>A call in flight when its method returns gets a begun {@link CallEvent} as its token (JFR
 * times an event from {@code begin()} and cannot be given a start afterwards); it is ended and
 * committed, if its duration passes the threshold, by the thread that ends the call. A call with
 * no begun event (ended at once, or begun while nothing recorded calls) is written with a
 * duration of 0, hence only where the threshold is 0. Thread-safe: no mutable state.
 */
final class OperationEvents implements CallListener {

  private final String operation;

  OperationEvents(String operation) {
    this.operation = operation;
  }

  @Override
  public Object began() {
    if (!JfrGate.open() || !CallEvent.PROBE.isEnabled()) {
      return null;
    }
    // The runtime keeps it in a final field of the call and hands it to the thread that ends it.
    CallEvent event = new CallEvent();
    event.begin();
    return event;
  }

  @Override
  public void ended(Object token, CallOutcome outcome, long nanos, int retries, boolean fellBack,
      Throwable failure) {
    CallEvent event;
    if (token instanceof CallEvent) {
      event = (CallEvent) token;
      event.end();
      if (!event.shouldCommit()) {
        return; // faster than the threshold, or no longer recorded
      }
    } else {
      if (!JfrGate.open() || !CallEvent.PROBE.shouldCommit()) {
        return; // a zero-length call event would not be written
      }
      event = new CallEvent(); // committed without begin(): starts and ends now
    }
    event.operation = operation;
    event.outcome = outcome.tag();
    event.retries = retries;
    event.fallback = fellBack;
    event.elapsed = nanos;
    event.commit();
  }

  @Override
  public void retried(Object token, int retry, Throwable cause) {
    if (!JfrGate.open() || !RetryEvent.PROBE.isEnabled()) {
      return;
    }
    RetryEvent event = new RetryEvent();
    event.operation = operation;
    event.retry = retry;
    event.cause = cause == null ? null : cause.toString();
    event.commit();
  }

  @Override
  public void timedOut(Object token, long timeoutNanos) {
    if (!JfrGate.open() || !TimeoutEvent.PROBE.isEnabled()) {
      return;
    }
    TimeoutEvent event = new TimeoutEvent();
    event.operation = operation;
    event.timeout = timeoutNanos;
    event.commit();
  }

  @Override
  public void rejected(Object token, Rejection by) {
    if (!JfrGate.open() || !RejectedEvent.PROBE.isEnabled()) {
      return;
    }
    RejectedEvent event = new RejectedEvent();
    event.operation = operation;
    event.by = by.tag();
    event.commit();
  }
}
