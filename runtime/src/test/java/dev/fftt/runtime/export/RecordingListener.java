package dev.fftt.runtime.export;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.FfttListener;
import dev.fftt.runtime.spi.Rejection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes every event it hears as one line ("op: ended SUCCESS retries=0 ..."), on any thread. */
class RecordingListener implements FfttListener {

  final List<String> events = new CopyOnWriteArrayList<>();
  private final String prefix;

  RecordingListener(String prefix) {
    this.prefix = prefix;
  }

  /** The events about names starting with the prefix, in order. */
  List<String> mine() {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }

  @Override
  public CallListener operationAdded(String operation) {
    if (!operation.startsWith(prefix)) {
      return null;
    }
    events.add(operation + ": added");
    return new CallListener() {
      @Override
      public Object began() {
        events.add(operation + ": began on " + Thread.currentThread().getName());
        return "token-" + operation;
      }

      @Override
      public void ended(Object token, CallOutcome outcome, long nanos, int retries,
          boolean fellBack, Throwable failure) {
        events.add(operation + ": ended " + outcome + " retries=" + retries + " fallback="
            + fellBack + " failure=" + (failure == null ? "-" : failure.getClass().getSimpleName())
            + " token=" + token + (nanos >= 0 ? "" : " NEGATIVE"));
      }

      @Override
      public void retried(Object token, int retry, Throwable cause) {
        events.add(operation + ": retry " + retry + " after "
            + (cause == null ? "-" : cause.getClass().getSimpleName()) + " token=" + token);
      }

      @Override
      public void timedOut(Object token, long timeoutNanos) {
        events.add(operation + ": timed out after " + timeoutNanos / 1_000_000 + " ms token="
            + token);
      }

      @Override
      public void rejected(Object token, Rejection by) {
        events.add(operation + ": rejected by " + by.tag() + " token=" + token);
      }

      @Override
      public void fellBack(Object token, Throwable cause) {
        events.add(operation + ": fallback for " + cause.getClass().getSimpleName() + " token="
            + token);
      }
    };
  }

  @Override
  public void circuitBreakerAdded(String operation) {
    events.add(operation + ": breaker added");
  }

  @Override
  public void circuitBreakerStateChanged(String operation, String from, String to) {
    events.add(operation + ": breaker " + from + " -> " + to + " holding its lock="
        + Thread.holdsLock(dev.fftt.runtime.internal.resilience.Resilience.findBreaker(operation)));
  }

  @Override
  public void bulkheadAdded(String operation) {
    events.add(operation + ": bulkhead added");
  }

  @Override
  public void loopAdded(String loop) {
    events.add(loop + ": loop added");
  }

  @Override
  public void loopStallFound(String loop) {
    events.add(loop + ": stall found");
  }

  @Override
  public void loopStalled(String loop, long nanos, List<StackTraceElement> topFrames) {
    events.add(loop + ": stalled " + (nanos > 0) + " frames=" + !topFrames.isEmpty());
  }
}
