package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.loop.LoopHandle;
import dev.fftt.runtime.internal.loop.LoopRegistry;
import dev.fftt.runtime.internal.monitor.Monitor;
import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.BulkheadGate;
import dev.fftt.runtime.internal.util.Failures;
import dev.fftt.runtime.internal.util.Ticks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The single entry point of guarded calls: woven methods and {@code Async.safe} both come here.
 *
 * <p>Given a resolved {@link GuardPolicy} and a way to start one attempt, returns the caller's
 * future with the contract's semantics, in this order: monitor ( fallback ( retry ( circuit
 * breaker ( timeout per attempt ( bulkhead ( runOn ( body ) ) ) ) ) ) ), then the hop that
 * completes the caller's future on the caller's loop.
 *
 * <p>Without runOn the first attempt runs at once on the caller's thread when the breaker admits
 * it and a bulkhead permit is free. When it returns a future that is already complete (and is not
 * a failure to retry or to fall back from) that future itself is returned: no timer, no new
 * future, only the counters and the permits settled. Otherwise a {@link GuardedFuture} takes over.
 * This method never throws: a throw or a {@code null} from the attempt fails the result.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Guard {

  private Guard() {}

  /** Runs {@code attempt} under {@code policy}; see the class comment. */
  public static <T> CompletableFuture<T> call(GuardPolicy policy, Attempt<T> attempt) {
    return call(policy, attempt, null);
  }

  /**
   * As {@link #call(GuardPolicy, Attempt)}, every attempt started with {@code capture} (see
   * {@link Attempt#start(Object)}).
   */
  public static <T> CompletableFuture<T> call(GuardPolicy policy, Attempt<T> attempt,
      Object capture) {
    long start = startTime(policy);
    if (policy.runOn != null) {
      LoopHandle callerLoop = policy.loopCompatible ? LoopRegistry.ofCurrentThread() : null;
      GuardedFuture<T> guarded = GuardedFuture.create(policy, attempt, capture, start, callerLoop);
      guarded.startAttempt();
      return guarded;
    }
    if (policy.breaker != null || policy.bulkhead != null) {
      return gated(policy, attempt, capture, start);
    }
    return adopt(policy, attempt, capture, startSafely(policy, attempt, capture), start);
  }

  /** {@link #call} under a breaker or a bulkhead, without runOn. */
  private static <T> CompletableFuture<T> gated(GuardPolicy policy, Attempt<T> attempt,
      Object capture, long start) {
    long admission = admit(policy);
    if (!admitted(admission)) {
      return refused(policy, attempt, capture, start, admission);
    }
    return adoptGated(policy, attempt, capture, startSafely(policy, attempt, capture), start,
        admission);
  }

  // ---- admission: a breaker or a bulkhead asks before the first attempt's body runs ----
  // An admission is one long, so that woven code can keep it in a local without allocating:
  // admitted, it is the breaker's permit (Breaker.NONE without a breaker); refused by the
  // breaker, Breaker.REJECTED; refused by a full bulkhead, fullAdmission(the breaker's permit).

  /** Lowest admission meaning "the bulkhead was full" (no breaker permit held). */
  private static final long FULL_WITHOUT_PERMIT = -3;

  /**
   * Asks the breaker, then the bulkhead (without waiting), whether the first attempt may run now,
   * on the caller's thread. Hand the result to {@link #admitted}, then to {@link #adoptGated} once
   * the body ran, or to {@link #refused} instead of running it. {@code policy} has a breaker or a
   * bulkhead and no runOn.
   */
  public static long admit(GuardPolicy policy) {
    Breaker breaker = policy.breaker;
    long permit = breaker == null ? Breaker.NONE : breaker.tryAcquire();
    if (permit == Breaker.REJECTED) {
      return permit;
    }
    BulkheadGate bulkhead = policy.bulkhead;
    if (bulkhead != null && !bulkhead.tryAcquireNow()) {
      return FULL_WITHOUT_PERMIT - (permit - Breaker.NONE); // -3 for NONE, -5 - p for p >= 0
    }
    return permit;
  }

  /** Whether {@code admission} (from {@link #admit}) lets the body run now. */
  public static boolean admitted(long admission) {
    return admission >= 0 || admission == Breaker.NONE;
  }

  /**
   * The caller's future of a call {@link #admit} did not admit: failed at once (or falling back,
   * or retrying) when the breaker refused it; waiting in the bulkhead's room for a permit (its
   * body then starts through {@code attempt} with {@code capture}), or refused, when it was full.
   * Never throws.
   */
  public static <T> CompletableFuture<T> refused(GuardPolicy policy, Attempt<T> attempt,
      Object capture, long start, long admission) {
    if (admission == Breaker.REJECTED) {
      GuardedFuture<T> guarded = create(policy, attempt, capture, start);
      guarded.refusedFirst(policy.breaker.refusingState());
      return guarded;
    }
    long permit = FULL_WITHOUT_PERMIT - admission + Breaker.NONE; // undoes admit's encoding
    LoopHandle callerLoop = policy.loopCompatible ? LoopRegistry.ofCurrentThread() : null;
    GuardedFuture<T> guarded =
        GuardedFuture.create(policy, attempt, capture, start, callerLoop, true);
    guarded.startAttempt(permit); // waits in the bulkhead's room, or is refused
    return guarded;
  }

  /**
   * The rest of a call {@link #admit} admitted (holding {@code permit}), whose first attempt ran
   * on the caller's thread and returned {@code stage}: what {@link #adopt} is for calls without a
   * breaker or bulkhead. Never throws.
   */
  @SuppressWarnings("unchecked")
  public static <T> CompletableFuture<T> adoptGated(GuardPolicy policy, Attempt<T> attempt,
      Object capture, CompletionStage<T> stage, long start, long permit) {
    Breaker breaker = policy.breaker;
    BulkheadGate bulkhead = policy.bulkhead;
    if (stage instanceof CompletableFuture) {
      CompletableFuture<T> future = (CompletableFuture<T>) stage;
      if (policy.bulkheadOnly && !future.isDone()) {
        // Nothing else to do but give the permit back when the body's future completes: the
        // caller gets that future itself (cancelling it cancels the body, which completes it).
        future.whenComplete(bulkhead.releaser());
        return future;
      }
      if (future.isDone() && (!future.isCompletedExceptionally()
          || policy.retry == null && policy.fallback == null)) {
        if (breaker != null) {
          breaker.record(permit, Failures.of(future));
        }
        if (bulkhead != null) {
          bulkhead.release();
        }
        if (policy.monitor != null) {
          policy.monitor.ended(outcomeOf(future), Ticks.nanoTime() - start, future);
        }
        return future;
      }
    }
    GuardedFuture<T> guarded = create(policy, attempt, capture, start);
    guarded.adoptFirst(stage, permit, bulkhead != null);
    return guarded;
  }

  private static <T> GuardedFuture<T> create(GuardPolicy policy, Attempt<T> attempt,
      Object capture, long start) {
    LoopHandle callerLoop = policy.loopCompatible ? LoopRegistry.ofCurrentThread() : null;
    return GuardedFuture.create(policy, attempt, capture, start, callerLoop);
  }

  /**
   * The rest of a call whose first attempt already ran on the caller's thread, started at
   * {@code start} ({@link Ticks#nanoTime()}) and returned {@code stage}: what a woven method's
   * exit hands over, so that woven calls and {@link #call} share one path. {@code policy} has no
   * runOn, breaker or bulkhead (such calls must ask before their first attempt runs, so they
   * come through {@link #call}). Never throws.
   */
  @SuppressWarnings("unchecked")
  public static <T> CompletableFuture<T> adopt(GuardPolicy policy, Attempt<T> attempt,
      Object capture, CompletionStage<T> stage, long start) {
    Monitor monitor = policy.monitor;
    // looked up even when the call ends at once: being asked for is what lists the EDT's loop
    LoopHandle callerLoop = policy.loopCompatible ? LoopRegistry.ofCurrentThread() : null;
    if (stage instanceof CompletableFuture) {
      CompletableFuture<T> future = (CompletableFuture<T>) stage;
      if (future.isDone() && (!future.isCompletedExceptionally()
          || policy.retry == null && policy.fallback == null)) {
        if (monitor != null) {
          monitor.ended(outcomeOf(future), Ticks.nanoTime() - start, future);
        }
        return future;
      }
    }
    GuardedFuture<T> guarded = GuardedFuture.create(policy, attempt, capture, start, callerLoop);
    guarded.adoptFirst(stage);
    return guarded;
  }

  /**
   * The call's start ({@link Ticks#nanoTime()}), or 0 when its policy never reads it (no monitor,
   * timeout or retry): the clock costs as much as the rest of a breaker-only call.
   */
  public static long startTime(GuardPolicy policy) {
    return policy.clocked ? Ticks.nanoTime() : 0L;
  }

  /** Runs the attempt; a throw or {@code null} becomes a failed future. */
  static <T> CompletionStage<T> startSafely(GuardPolicy policy, Attempt<T> attempt,
      Object capture) {
    CompletionStage<T> stage;
    try {
      stage = attempt.start(capture);
    } catch (Throwable t) {
      return CompletableFuture.failedFuture(t);
    }
    if (stage == null) {
      return CompletableFuture.failedFuture(new NullPointerException(
          policy.operation + " returned null instead of a CompletionStage"));
    }
    return stage;
  }

  private static Monitor.Outcome outcomeOf(CompletableFuture<?> done) {
    // a body future cancelled without the caller cancelling is a failure like any other
    return done.isCompletedExceptionally() ? Monitor.Outcome.FAILURE : Monitor.Outcome.SUCCESS;
  }
}
