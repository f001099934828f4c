package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.BulkheadGate;
import dev.fftt.runtime.internal.timer.TimerTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Watches one attempt: it is both the attempt's timeout entry in the timer and the
 * callback on the attempt's future, so an attempt costs one object. Whichever comes first, the
 * completion or the timeout, claims it through {@link TimerTask#cancel()}; the other is ignored.
 * Under a bulkhead it is also the attempt's place in the waiting room ({@link BulkheadGate.Waiter}).
 *
 * <p>Internal; not API, may change without notice.
 */
class AttemptWatch extends TimerTask
    implements BiConsumer<Object, Throwable>, BulkheadGate.Waiter {

  // The bits of {@link #bits}. One int rather than three fields keeps the watch at 48 bytes (the
  // timer entry of every pending call); the attempt's breaker permit lives in a subclass, which
  // only calls under a breaker create.
  /** Permit state, two bits: none held (never taken, or given back). */
  private static final int NO_PERMIT = 0;
  /** Permit state: held, the body has not started. */
  private static final int PERMIT = 1;
  /** Permit state: held, the body started (given back when its future completes). */
  private static final int BODY_STARTED = 2;
  private static final int PERMIT_MASK = 3;
  /** Set once a late completion of this attempt was counted. */
  private static final int LATE_COUNTED = 4;
  /** Set (before the watch is shared, never changed) when this is not the call's first attempt. */
  private static final int LATER_ATTEMPT = 8;

  private static final VarHandle BITS;

  static {
    try {
      BITS = MethodHandles.lookup().findVarHandle(AttemptWatch.class, "bits", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final GuardedFuture<?> call;
  volatile CompletionStage<?> source;
  /**
   * {@code LATER_ATTEMPT}, fixed at construction; {@code LATE_COUNTED}, set by one CAS of the
   * threads delivering late completions; and the bulkhead permit's state. That state is set to
   * {@code PERMIT} by the thread that got the permit (before the body is dispatched); then exactly
   * one CAS decides its end: {@code PERMIT → BODY_STARTED} by the thread about to run the body, or
   * {@code PERMIT → NO_PERMIT} by a path that fails the attempt before its body ran (it gives the
   * permit back); {@code BODY_STARTED → NO_PERMIT} when the body's future completes. So a permit
   * is given back once, and never while its body runs. A CAS that fails only because another bit
   * changed is retried.
   */
  @SuppressWarnings("unused") // through BITS
  private volatile int bits;

  /**
   * A watch for attempt {@code number} (1 = the first) of {@code call}, holding
   * {@code breakerPermit} ({@link Breaker#NONE} without a breaker).
   */
  static AttemptWatch create(GuardedFuture<?> call, int number, long breakerPermit) {
    return breakerPermit == Breaker.NONE ? new AttemptWatch(call, number)
        : new WithBreakerPermit(call, number, breakerPermit);
  }

  private AttemptWatch(GuardedFuture<?> call, int number) {
    this.call = call;
    // a plain store: the watch reaches other threads only through the timer's or the future's
    // CAS-published structures, which order it before them
    BITS.set(this, number > 1 ? LATER_ATTEMPT : 0);
  }

  /** Whether this is the call's first attempt (later ones are retries). */
  final boolean isFirst() {
    return ((int) BITS.getVolatile(this) & LATER_ATTEMPT) == 0;
  }

  /** The breaker's permit for this attempt ({@link Breaker#NONE} without one). */
  long breakerPermit() {
    return Breaker.NONE;
  }

  @Override
  public final void accept(Object value, Throwable failure) {
    call.bodyCompleted(this);
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
  final boolean claimLateCount() {
    for (;;) {
      int b = (int) BITS.getVolatile(this);
      if ((b & LATE_COUNTED) != 0) {
        return false;
      }
      if (BITS.compareAndSet(this, b, b | LATE_COUNTED)) {
        return true;
      }
    }
  }

  /** This attempt holds a bulkhead permit now (its body has not started). */
  final void holdPermit() {
    setPermit(PERMIT);
  }

  /** This attempt's body starts now, holding a permit taken in the same breath (the inline path). */
  final void holdPermitBodyStarted() {
    setPermit(BODY_STARTED);
  }

  /** Marks the body as started; false when the permit was given back already (do not run it). */
  final boolean startWithPermit() {
    return movePermit(PERMIT, BODY_STARTED);
  }

  /** Whether this call gave back a permit whose body never started (the caller then releases it). */
  final boolean giveBackUnstarted() {
    return movePermit(PERMIT, NO_PERMIT);
  }

  /** Whether this call gave back a permit whose body ran and ended (the caller then releases it). */
  final boolean giveBackAfterBody() {
    return movePermit(BODY_STARTED, NO_PERMIT);
  }

  private void setPermit(int state) {
    for (;;) {
      int b = (int) BITS.getVolatile(this);
      if (BITS.compareAndSet(this, b, (b & ~PERMIT_MASK) | state)) {
        return;
      }
    }
  }

  /** The permit state's one CAS {@code from → to}: false when it is not {@code from}. */
  private boolean movePermit(int from, int to) {
    for (;;) {
      int b = (int) BITS.getVolatile(this);
      if ((b & PERMIT_MASK) != from) {
        return false;
      }
      if (BITS.compareAndSet(this, b, (b & ~PERMIT_MASK) | to)) {
        return true;
      }
    }
  }

  @Override
  public final void granted() {
    call.granted(this);
  }

  @Override
  protected final void expire() {
    call.attemptTimedOut(this);
  }

  @Override
  protected final void discarded() {
    call.cancel(true); // the test kit closes: the call waiting on this timeout ends cancelled
  }

  /** The watch of an attempt a breaker admitted: it carries the breaker's permit. */
  private static final class WithBreakerPermit extends AttemptWatch {
    /** Set before the watch is shared. */
    private final long breakerPermit;

    WithBreakerPermit(GuardedFuture<?> call, int number, long breakerPermit) {
      super(call, number);
      this.breakerPermit = breakerPermit;
    }

    @Override
    long breakerPermit() {
      return breakerPermit;
    }
  }
}
