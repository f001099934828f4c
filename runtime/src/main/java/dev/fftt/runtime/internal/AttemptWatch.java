package dev.fftt.runtime.internal;

import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Watches one attempt: it is both the attempt's timeout entry in the {@link TimerWheel} and the
 * callback on the attempt's future, so an attempt costs one object. Whichever comes first, the
 * completion or the timeout, claims it through {@link TimerTask#cancel()}; the other is ignored.
 *
 * <p>Internal; not API, may change without notice.
 */
final class AttemptWatch extends TimerTask implements BiConsumer<Object, Throwable> {

  private final GuardedFuture<?> call;
  volatile CompletionStage<?> source;

  AttemptWatch(GuardedFuture<?> call) {
    this.call = call;
  }

  @Override
  public void accept(Object value, Throwable failure) {
    if (cancel()) {
      call.attemptEnded(this, value, failure);
    } else if (isExpired()) {
      call.lateCompletion(failure);
    }
  }

  @Override
  protected void expire() {
    call.attemptTimedOut(this);
  }
}
