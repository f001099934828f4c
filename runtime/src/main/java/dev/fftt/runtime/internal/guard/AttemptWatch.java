package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.BulkheadGate;
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
 * Under a bulkhead it is also the attempt's place in the waiting room ({@link BulkheadGate.Waiter}).
 *
 * <p>Internal; not API, may change without notice.
 */
final class AttemptWatch extends TimerTask
    implements BiConsumer<Object, Throwable>, BulkheadGate.Waiter {

  /** {@link #bulkheadPermit}: none held (never taken, or given back). */
  private static final int NO_PERMIT = 0;
  /** {@link #bulkheadPermit}: held, the body has not started. */
  private static final int PERMIT = 1;
  /** {@link #bulkheadPermit}: held, the body started (given back when its future completes). */
  private static final int BODY_STARTED = 2;

  private static final VarHandle LATE_COUNTED;
  private static final VarHandle BULKHEAD_PERMIT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      LATE_COUNTED = lookup.findVarHandle(AttemptWatch.class, "lateCounted", boolean.class);
      BULKHEAD_PERMIT = lookup.findVarHandle(AttemptWatch.class, "bulkheadPermit", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final GuardedFuture<?> call;
  /** The attempt's number (1 = the first); set before the watch is shared. */
  final int number;
  /** The breaker's permit for this attempt ({@link Breaker#NONE} without one); set before the watch is shared. */
  final long breakerPermit;
  volatile CompletionStage<?> source;
  @SuppressWarnings("unused") // through LATE_COUNTED
  private volatile boolean lateCounted;
  /**
   * The bulkhead permit's state. Set to {@code PERMIT} by the thread that got it (before the body
   * is dispatched); then exactly one CAS decides its end: {@code PERMIT → BODY_STARTED} by the
   * thread about to run the body, or {@code PERMIT → NO_PERMIT} by a path that fails the attempt
   * before its body ran (it gives the permit back); {@code BODY_STARTED → NO_PERMIT} when the
   * body's future completes. So a permit is given back once, and never while its body runs.
   */
  @SuppressWarnings("unused") // through BULKHEAD_PERMIT
  private volatile int bulkheadPermit;

  AttemptWatch(GuardedFuture<?> call, int number, long breakerPermit) {
    this.call = call;
    this.number = number;
    this.breakerPermit = breakerPermit;
  }

  @Override
  public void accept(Object value, Throwable failure) {
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
  boolean claimLateCount() {
    return LATE_COUNTED.compareAndSet(this, false, true);
  }

  /** This attempt holds a bulkhead permit now (its body has not started). */
  void holdPermit() {
    BULKHEAD_PERMIT.setVolatile(this, PERMIT);
  }

  /** This attempt's body starts now, holding a permit taken in the same breath (the inline path). */
  void holdPermitBodyStarted() {
    BULKHEAD_PERMIT.setVolatile(this, BODY_STARTED);
  }

  /** Marks the body as started; false when the permit was given back already (do not run it). */
  boolean startWithPermit() {
    return BULKHEAD_PERMIT.compareAndSet(this, PERMIT, BODY_STARTED);
  }

  /** Whether this call gave back a permit whose body never started (the caller then releases it). */
  boolean giveBackUnstarted() {
    return BULKHEAD_PERMIT.compareAndSet(this, PERMIT, NO_PERMIT);
  }

  /** Whether this call gave back a permit whose body ran and ended (the caller then releases it). */
  boolean giveBackAfterBody() {
    return BULKHEAD_PERMIT.compareAndSet(this, BODY_STARTED, NO_PERMIT);
  }

  @Override
  public void granted() {
    call.granted(this);
  }

  @Override
  protected void expire() {
    call.attemptTimedOut(this);
  }
}
