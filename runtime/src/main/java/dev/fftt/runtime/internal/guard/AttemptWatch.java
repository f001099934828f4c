package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.timer.TimerTask;
import dev.fftt.runtime.internal.timer.TimerWheel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

  private static final VarHandle LATE_COUNTED;

  static {
    try {
      LATE_COUNTED = MethodHandles.lookup().findVarHandle(AttemptWatch.class, "lateCounted", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final GuardedFuture<?> call;
  volatile CompletionStage<?> source;
  @SuppressWarnings("unused") // through LATE_COUNTED
  private volatile boolean lateCounted;

  AttemptWatch(GuardedFuture<?> call) {
    this.call = call;
  }

  @Override
  public void accept(Object value, Throwable failure) {
    if (cancel()) {
      call.attemptEnded(this, value, failure);
    } else if (isExpired()) {
      call.lateCompletion(this, failure);
    }
  }

  /**
   * Claims the one late completion this attempt may count: a stage that calls back more than once
   * after its timeout is one late attempt, not several.
   */
  boolean claimLateCount() {
    return LATE_COUNTED.compareAndSet(this, false, true);
  }

  @Override
  protected void expire() {
    call.attemptTimedOut(this);
  }
}
