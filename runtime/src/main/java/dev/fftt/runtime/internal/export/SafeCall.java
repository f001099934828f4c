package dev.fftt.runtime.internal.export;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.Rejection;

/**
 * One registered listener's {@link CallListener} for one operation, with its throws caught (and
 * logged once per registered listener): an exporter never affects a call.
 */
final class SafeCall implements CallListener {

  private final CallListener delegate;
  private final Exports.Registered owner;

  SafeCall(CallListener delegate, Exports.Registered owner) {
    this.delegate = delegate;
    this.owner = owner;
  }

  @Override
  public Object began() {
    try {
      return delegate.began();
    } catch (Throwable t) {
      owner.threw(t);
      return null;
    }
  }

  @Override
  public void ended(Object token, CallOutcome outcome, long nanos, int retries, boolean fellBack,
      Throwable failure) {
    try {
      delegate.ended(token, outcome, nanos, retries, fellBack, failure);
    } catch (Throwable t) {
      owner.threw(t);
    }
  }

  @Override
  public void retried(Object token, int retry, Throwable cause) {
    try {
      delegate.retried(token, retry, cause);
    } catch (Throwable t) {
      owner.threw(t);
    }
  }

  @Override
  public void timedOut(Object token, long timeoutNanos) {
    try {
      delegate.timedOut(token, timeoutNanos);
    } catch (Throwable t) {
      owner.threw(t);
    }
  }

  @Override
  public void rejected(Object token, Rejection by) {
    try {
      delegate.rejected(token, by);
    } catch (Throwable t) {
      owner.threw(t);
    }
  }

  @Override
  public void fellBack(Object token, Throwable cause) {
    try {
      delegate.fellBack(token, cause);
    } catch (Throwable t) {
      owner.threw(t);
    }
  }
}
