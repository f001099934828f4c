package dev.fftt.runtime.internal.export;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.Rejection;

/**
 * Several listeners of one operation's calls as one: each event goes to each in registration
 * order; a call's token is the array of their tokens ({@code null} when none of them returned
 * one, so a call in flight costs nothing more for listeners that keep no per-call state).
 */
final class Fanout implements CallListener {

  private final CallListener[] listeners; // each a SafeCall: none throws

  Fanout(CallListener[] listeners) {
    this.listeners = listeners;
  }

  @Override
  public Object began() {
    Object[] tokens = null;
    for (int i = 0; i < listeners.length; i++) {
      Object token = listeners[i].began();
      if (token != null) {
        if (tokens == null) {
          tokens = new Object[listeners.length];
        }
        tokens[i] = token;
      }
    }
    return tokens;
  }

  private static Object tokenOf(Object tokens, int i) {
    return tokens == null ? null : ((Object[]) tokens)[i];
  }

  @Override
  public void ended(Object token, CallOutcome outcome, long nanos, int retries, boolean fellBack,
      Throwable failure) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].ended(tokenOf(token, i), outcome, nanos, retries, fellBack, failure);
    }
  }

  @Override
  public void retried(Object token, int retry, Throwable cause) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].retried(tokenOf(token, i), retry, cause);
    }
  }

  @Override
  public void timedOut(Object token, long timeoutNanos) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].timedOut(tokenOf(token, i), timeoutNanos);
    }
  }

  @Override
  public void rejected(Object token, Rejection by) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].rejected(tokenOf(token, i), by);
    }
  }

  @Override
  public void fellBack(Object token, Throwable cause) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].fellBack(tokenOf(token, i), cause);
    }
  }
}
