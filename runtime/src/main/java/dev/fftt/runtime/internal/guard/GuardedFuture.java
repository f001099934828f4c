package dev.fftt.runtime.internal.guard;

import static dev.fftt.runtime.internal.util.Failures.unwrap;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.internal.export.Carriers;
import dev.fftt.runtime.internal.loop.LoopHandle;
import dev.fftt.runtime.internal.monitor.Monitor;
import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.BulkheadGate;
import dev.fftt.runtime.internal.timer.Completions;
import dev.fftt.runtime.internal.timer.TimerTask;
import dev.fftt.runtime.internal.timer.Timers;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Ticks;
import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.Rejection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The caller's future of a guarded call that did not end at once, and the state machine behind
 * it: attempts (each through the breaker, its timeout, the bulkhead and the runOn loop, in that
 * order), the pauses between retries, the fallback, and the one final outcome.
 *
 * <p>Races: an attempt can end by its own completion, by its timeout, or by the caller cancelling.
 * Each attempt has one {@link AttemptWatch}, a timer entry whose {@link TimerTask#cancel()} claim
 * decides between the attempt's completion and its timeout. The call's final outcome is decided
 * once by a CAS on {@code outcome}: whoever wins (the last attempt, the caller's cancel or an
 * outside completion) counts it in the monitor and completes the future; every other path sees
 * the outcome set and stops. Counts are recorded before the future completes, so a caller that
 * sees the future done also sees the counts.
 *
 * <p>Dependent stages made from this future are plain {@link CompletableFuture}s. Calling
 * {@link #complete}, {@link #completeExceptionally} or {@link #cancel} from outside ends the call
 * like an outcome of its own (success, failure or cancellation) and stops its attempts.
 *
 * <p>Permits. An attempt's breaker permit is settled exactly once, by whoever claims its watch:
 * its completion or its timeout records an outcome, the caller's cancel gives it back. Its
 * bulkhead permit is given back once (see {@link AttemptWatch}): when the body's future completes,
 * or, when the body never started, by the path that ended the attempt. A waiting attempt whose
 * watch is claimed is taken out of the waiting room.
 *
 * <p>Internal; not API, may change without notice.
 */
final class GuardedFuture<T> extends CompletableFuture<T> {

  private static final int PENDING = 0;
  /** Immediate retries nested on one thread's stack before the next one hops to a completion thread. */
  static final int MAX_INLINE_RETRIES = 32;
  private static final ThreadLocal<int[]> INLINE_RETRY_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  private static final VarHandle OUTCOME;

  static {
    try {
      OUTCOME = MethodHandles.lookup().findVarHandle(GuardedFuture.class, "outcome", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final GuardPolicy policy;
  private final long start;
  private final int epoch;
  /**
   * Retry, loop, fallback and MDC state; {@code null} for a call with none (the common, lean
   * case). The invariant, set once in {@link #create}: non-null whenever the policy has a retry,
   * a runOn loop or a fallback, or the first attempt waits in a bulkhead's room: the only calls
   * that start an attempt (or the fallback) later; those paths take it through
   * {@link #reentrant()}, which checks it, and every other path reads it null-safe. Also
   * non-null when an exporter listens to the operation's calls (it holds the listener and its
   * token), and when the caller's MDC or an exporter's context carrier captured something (the
   * completion attaches it).
   */
  private final Extras<T> extras;
  @SuppressWarnings("unused") // through OUTCOME: 0 pending, else Monitor.Outcome ordinal + 1
  private volatile int outcome;
  private volatile AttemptWatch watch;

  /**
   * What a call with retries, a runOn loop, a caller's loop, a caller's MDC or carried context
   * needs besides.
   */
  private static final class Extras<T> {
    final Attempt<T> attempt;
    final Object capture; // what every attempt starts with (a woven call's receiver and arguments)
    final LoopHandle callerLoop;
    final Map<String, String> context; // the caller's MDC; null when empty (kept out of the lean case: 8 B a call)
    // What the exporters' context carriers captured on the caller's thread, attached where the MDC
    // is; null when none is registered or none had anything to carry.
    final Carriers.Carried carried;
    int attemptsStarted; // written before each attempt starts; attempts never overlap
    ArrayList<Throwable> earlier;
    volatile TimerTask pause;
    // Set once, by the one path that reaches the final failure (attempts never overlap), before the
    // fallback runs: finish() then knows the fallback's own outcome is final.
    boolean fellBack;
    volatile CompletionStage<?> fallbackStage; // the fallback's future, for the caller's cancel
    // The exporters' listener read when the call started (null: none) and what its began()
    // returned; the call reports to them until it ends, whoever registers meanwhile.
    final CallListener listener;
    final Object token;
    int retries; // bodies run again; written before each retry's body runs (attempts never overlap)
    // Whether the fallback ran (fellBack says it was chosen; a cancel may stop it before it runs).
    // Written by the thread that runs it, read by the one that ends the call: a caller's cancel
    // can end it meanwhile, hence volatile.
    volatile boolean fallbackRan;

    Extras(Attempt<T> attempt, Object capture, LoopHandle callerLoop,
        Map<String, String> context, Carriers.Carried carried, CallListener listener,
        Object token) {
      this.attempt = attempt;
      this.capture = capture;
      this.callerLoop = callerLoop;
      this.context = context;
      this.carried = carried;
      this.listener = listener;
      this.token = token;
    }
  }

  private GuardedFuture(GuardPolicy policy, long start, Extras<T> extras) {
    this.policy = policy;
    this.start = start;
    this.extras = extras;
    this.epoch = policy.monitor == null ? 0 : policy.monitor.begin();
  }

  static <T> GuardedFuture<T> create(GuardPolicy policy, Attempt<T> attempt, Object capture,
      long start, LoopHandle callerLoop) {
    return create(policy, attempt, capture, start, callerLoop, false);
  }

  /**
   * As above; {@code startsLater} when this call's first attempt has not started yet and may
   * wait (a bulkhead's room), so it needs the extras to start it.
   */
  static <T> GuardedFuture<T> create(GuardPolicy policy, Attempt<T> attempt, Object capture,
      long start, LoopHandle callerLoop, boolean startsLater) {
    Map<String, String> context = policy.context.capture();
    Carriers.Carried carried = Carriers.capture(); // one volatile read when no carrier is registered
    CallListener listener = policy.monitor == null ? null : policy.monitor.listener();
    // A bulkhead alone needs no extras once its first attempt runs: it has no later attempt.
    boolean lean = !startsLater && policy.retry == null && policy.runOn == null
        && callerLoop == null && context == null && carried == null && policy.fallback == null
        && listener == null;
    return new GuardedFuture<>(policy, start, lean ? null
        : new Extras<>(attempt, capture, callerLoop, context, carried, listener,
            listener == null ? null : listener.began()));
  }

  /** The extras of a call that starts attempts after the first (retry or runOn): never null. */
  private Extras<T> reentrant() {
    Extras<T> x = extras;
    if (x == null) {
      throw new IllegalStateException("a call of " + policy.operation + " without retry, runOn,"
          + " bulkhead or fallback (no extras) was asked to start another attempt");
    }
    return x;
  }

  private Map<String, String> context() {
    return extras == null ? null : extras.context;
  }

  private Carriers.Carried carried() {
    return extras == null ? null : extras.carried;
  }

  // ---- attempts ----

  /**
   * Follows the first attempt, already started on the caller's thread with the breaker's
   * {@code permit} ({@link Breaker#NONE} without a breaker) and, when {@code bulkheadHeld}, a
   * bulkhead permit.
   */
  void adoptFirst(CompletionStage<T> stage, long permit, boolean bulkheadHeld) {
    if (extras != null) {
      extras.attemptsStarted = 1;
    }
    AttemptWatch w = newWatch(start, 1, permit);
    if (bulkheadHeld) {
      w.holdPermitBodyStarted();
    }
    follow(w, stage);
  }

  /** Follows the first attempt, already started on the caller's thread (no breaker, no bulkhead). */
  void adoptFirst(CompletionStage<T> stage) {
    adoptFirst(stage, Breaker.NONE, false);
  }

  /** The first attempt was refused by the breaker on the caller's thread. */
  void refusedFirst(String state) {
    if (extras != null) {
      extras.attemptsStarted = 1;
    }
    refused(new CircuitBreakerOpenException(policy.operation, state));
  }

  /** Starts the next attempt: breaker, timeout, bulkhead, then the runOn loop or this thread. */
  void startAttempt() {
    startAttempt(Breaker.NONE);
  }

  /**
   * Starts the next attempt; {@code givenPermit} is the breaker's permit when the caller already
   * asked the breaker for it, else {@link Breaker#NONE} (asked here).
   */
  void startAttempt(long givenPermit) {
    Breaker breaker = policy.breaker;
    if (decided()) {
      if (breaker != null) {
        breaker.release(givenPermit);
      }
      return;
    }
    Extras<T> x = reentrant();
    LoopHandle loop = null;
    if (policy.runOn != null) {
      loop = policy.runOnLoop();
      if (loop == null) {
        if (breaker != null) {
          breaker.release(givenPermit);
        }
        IllegalStateException missing = new IllegalStateException("no event loop named '"
            + policy.runOn + "' is registered (runOn of " + policy.operation
            + "); start it with EventLoops.start(\"" + policy.runOn
            + "\") or register it with EventLoops.register(...) before the call");
        if (x.earlier != null) {
          x.earlier.forEach(missing::addSuppressed); // a retry found no loop: keep what failed before
        }
        finish(Monitor.Outcome.FAILURE, null, missing);
        return;
      }
    }
    long permit = givenPermit;
    if (breaker != null && permit == Breaker.NONE) {
      permit = breaker.tryAcquire();
      if (permit == Breaker.REJECTED) {
        x.attemptsStarted++;
        refused(new CircuitBreakerOpenException(policy.operation, breaker.refusingState()));
        return;
      }
    }
    int number = ++x.attemptsStarted;
    AttemptWatch w = newWatch(number == 1 ? start : Ticks.nanoTime(), number, permit);
    BulkheadGate bulkhead = policy.bulkhead;
    if (bulkhead != null) {
      int admitted = bulkhead.acquire(w);
      if (admitted == BulkheadGate.QUEUED) {
        return; // granted() starts it, or its timeout or the caller's cancel takes it out
      }
      if (admitted == BulkheadGate.REJECTED) {
        dev.fftt.runtime.BulkheadStats now = bulkhead.stats();
        BulkheadRejectedException full = new BulkheadRejectedException(policy.operation,
            now.running(), now.waiting());
        countRejection(Rejection.BULKHEAD);
        if (w.cancel()) { // else its timeout (a zero one) claimed it first
          attemptEnded(w, null, full);
        }
        return;
      }
      w.holdPermit();
    }
    dispatch(w, loop);
  }

  /** Runs the attempt of {@code w} on {@code loop} (here when null or when on it already). */
  private void dispatch(AttemptWatch w, LoopHandle loop) {
    if (loop == null || loop.inLoop()) {
      runAttempt(w);
      return;
    }
    try {
      loop.execute(() -> runAttempt(w));
      // the loop shut down just after taking the task; it may never run. Claim the watch first
      // (so its timer entry goes and a late run of the task does nothing), as for a rejection.
      if (loop.isShutdown() && w.cancel()) {
        giveBackUnstarted(w);
        attemptEnded(w, null, new RejectedExecutionException("event loop '" + loop.name()
            + "' was shut down before " + policy.operation + " could run on it"));
      }
    } catch (RejectedExecutionException e) {
      giveBackUnstarted(w);
      if (w.cancel()) { // else its timeout fired first and failed the attempt already
        attemptEnded(w, null, e);
      }
    }
  }

  /**
   * A waiting attempt got its bulkhead permit, on the thread that released it: it starts on the
   * runOn loop, else on a completion thread, never here.
   */
  void granted(AttemptWatch w) {
    w.holdPermit();
    LoopHandle loop = policy.runOn == null ? null : policy.runOnLoop();
    try {
      if (loop != null) {
        loop.execute(() -> runAttempt(w));
      } else {
        Completions.executor().execute(() -> runAttempt(w));
      }
    } catch (RejectedExecutionException e) {
      giveBackUnstarted(w);
      if (w.cancel()) {
        attemptEnded(w, null, e);
      }
    }
  }

  /** The body of {@code w}'s attempt completed (its future did): its bulkhead permit goes back. */
  void bodyCompleted(AttemptWatch w) {
    BulkheadGate bulkhead = policy.bulkhead;
    if (bulkhead != null && w.giveBackAfterBody()) {
      bulkhead.release();
    }
  }

  private void giveBackUnstarted(AttemptWatch w) {
    BulkheadGate bulkhead = policy.bulkhead;
    if (bulkhead != null && w.giveBackUnstarted()) {
      bulkhead.release();
    }
  }

  /** An attempt refused by the breaker or the bulkhead before it had a watch: it failed at once. */
  private void refused(RuntimeException refusal) {
    countRejection(Rejection.CIRCUIT_BREAKER); // the bulkhead refuses through startAttempt
    attemptFailed(refusal, false);
  }

  private void countRejection(Rejection by) {
    if (policy.monitor != null) {
      policy.monitor.rejected(epoch);
      CallListener l = listener();
      if (l != null) {
        l.rejected(extras.token, by);
      }
    }
  }

  /** The exporters' listener of this call, {@code null} when none (then extras may be null). */
  private CallListener listener() {
    return extras == null ? null : extras.listener;
  }

  private AttemptWatch newWatch(long attemptStart, int number, long breakerPermit) {
    AttemptWatch w = AttemptWatch.create(this, number, breakerPermit);
    watch = w;
    if (policy.timeoutNanos > 0) {
      Timers.schedule(w, saturatedAdd(attemptStart, policy.timeoutNanos));
    }
    return w;
  }

  private void runAttempt(AttemptWatch w) {
    if (w.isClaimed() || decided()) {
      // the call ended: drop this attempt's timer entry (no-op when it timed out or was stopped).
      // When this claim wins, the call was decided from outside and its stopInFlight has not
      // claimed the watch yet (it will fail to): settle the breaker's permit as it would, else a
      // trial's place is lost and the breaker stays HALF_OPEN for ever
      if (w.cancel() && policy.breaker != null) {
        policy.breaker.release(w.breakerPermit());
      }
      giveBackUnstarted(w);
      return; // timed out while queued, or the call ended: the body does not run
    }
    if (policy.bulkhead != null && !w.startWithPermit()) {
      return; // its permit was given back: the path that did so ended the attempt
    }
    boolean retry = !w.isFirst();
    if (retry && policy.monitor != null) {
      policy.monitor.retried(epoch); // counted when the body really runs again
      Extras<T> x = reentrant();
      x.retries++;
      if (x.listener != null) {
        x.listener.retried(x.token, x.retries,
            x.earlier == null || x.earlier.isEmpty() ? null : x.earlier.get(x.earlier.size() - 1));
      }
    }
    boolean carry = retry || policy.runOn != null;
    Object saved = carry ? policy.context.attach(context()) : null;
    Object savedCarried = carry ? Carriers.attach(carried()) : null;
    CompletionStage<T> stage;
    try {
      Extras<T> x = reentrant();
      stage = Guard.startSafely(policy, x.attempt, x.capture);
    } finally {
      if (carry) {
        Carriers.restore(carried(), savedCarried);
        policy.context.restore(saved);
      }
    }
    follow(w, stage);
  }

  private void follow(AttemptWatch w, CompletionStage<T> stage) {
    w.source = stage;
    // Guard against a race with the timeout and with the caller's cancel (or outside completion):
    // either may have claimed the watch while the body ran, before the source was known here.
    if (w.isExpired() ? policy.cancelOnTimeout : decided()) {
      cancelQuietly(stage);
    }
    try {
      stage.whenComplete(w);
    } catch (Throwable t) {
      // a broken stage: its outcome can never reach the watch, so the attempt fails with this
      bodyCompleted(w);
      if (w.cancel()) {
        attemptEnded(w, null, t);
      }
    }
  }

  /** The attempt's future completed (or it was refused) and its watch claimed the attempt. */
  void attemptEnded(AttemptWatch w, Object value, Throwable failure) {
    if (policy.breaker != null) {
      if (decided()) {
        // the caller cancelled (or completed the call) while the attempt ran, and the attempt
        // ended before stopInFlight could claim it (its stage cancelled by follow): neither outcome
        policy.breaker.release(w.breakerPermit());
      } else {
        policy.breaker.record(w.breakerPermit(), failure == null ? null : unwrap(failure));
      }
    }
    if (failure == null) {
      @SuppressWarnings("unchecked")
      T result = (T) value;
      finish(Monitor.Outcome.SUCCESS, result, null);
    } else {
      attemptFailed(unwrap(failure), false);
    }
  }

  /** The attempt's timeout passed (on a completion thread). */
  void attemptTimedOut(AttemptWatch w) {
    if (policy.bulkhead != null) {
      policy.bulkhead.remove(w); // still waiting: it never runs (else its permit ends as usual)
    }
    if (policy.cancelOnTimeout) {
      cancelQuietly(w.source);
    }
    AsyncTimeoutException timeout = new AsyncTimeoutException(policy.operation,
        Duration.ofNanos(policy.timeoutNanos), policy.timeoutText);
    CallListener l = listener();
    if (l != null) {
      l.timedOut(extras.token, policy.timeoutNanos);
    }
    if (policy.breaker != null) {
      policy.breaker.record(w.breakerPermit(), timeout);
    }
    attemptFailed(timeout, true);
  }

  /**
   * An attempt completed after its timeout; its result is ignored, and counted once per attempt.
   * A cancellation (ours, on the timeout, or anyone's) is the work being stopped, not a late
   * result, and is not counted.
   */
  void lateCompletion(AttemptWatch w, Throwable failure) {
    if (unwrap(failure) instanceof CancellationException || !w.claimLateCount()) {
      return; // the work was stopped, or this attempt's late completion was counted already
    }
    if (policy.monitor != null) {
      policy.monitor.lateCompletion();
    }
  }

  private void attemptFailed(Throwable cause, boolean timedOut) {
    if (decided()) {
      return;
    }
    RetrySpec retry = policy.retry;
    Extras<T> x = retry == null ? extras : reentrant();
    if (retry != null && x.attemptsStarted <= retry.maxRetries && retry.retries(cause)) {
      long pause = retry.delayBeforeRetry(x.attemptsStarted);
      boolean inBudget = retry.maxDurationNanos == 0
          || Ticks.nanoTime() + pause - start < retry.maxDurationNanos;
      if (inBudget) {
        if (x.earlier == null) {
          x.earlier = new ArrayList<>(Math.min(retry.maxRetries, 8));
        }
        x.earlier.add(cause);
        if (pause == 0) {
          startImmediately();
        } else {
          schedulePause(x, pause);
        }
        return;
      }
    }
    if (x != null && x.earlier != null) {
      for (Throwable e : x.earlier) {
        if (e != cause) {
          cause.addSuppressed(e);
        }
      }
    }
    // a body future cancelled without the caller cancelling is a failure like any other
    finish(timedOut ? Monitor.Outcome.TIMEOUT : Monitor.Outcome.FAILURE, null, cause);
  }

  /**
   * Starts a retry that has no pause. It runs inline, on this thread, unless this thread is
   * already nested {@link #MAX_INLINE_RETRIES} immediate retries deep (attempts that fail at once
   * start the next one from inside the previous one's callback): then it starts on a completion
   * thread with a fresh stack, so no number of retries can overflow the stack.
   */
  private void startImmediately() {
    int[] depth = INLINE_RETRY_DEPTH.get();
    if (depth[0] >= MAX_INLINE_RETRIES) {
      try {
        Completions.executor().execute(this::startAttempt);
        return;
      } catch (RejectedExecutionException e) {
        // not expected (the executor's queue is unbounded); go on inline rather than never
      }
    }
    depth[0]++;
    try {
      startAttempt();
    } finally {
      depth[0]--;
    }
  }

  private void schedulePause(Extras<T> x, long pauseNanos) {
    TimerTask pause = new TimerTask() {
      @Override
      protected void expire() {
        startAttempt();
      }

      @Override
      protected void discarded() {
        // the test kit closes: the call waiting on this pause ends cancelled
        GuardedFuture.this.cancel(true);
      }
    };
    x.pause = pause;
    Timers.schedule(pause, saturatedAdd(Ticks.nanoTime(), pauseNanos));
    if (decided()) {
      pause.cancel(); // the caller cancelled while the pause was being scheduled
    }
  }

  // ---- the outcome ----

  private boolean decided() {
    return (int) OUTCOME.getVolatile(this) != PENDING;
  }

  private boolean decide(Monitor.Outcome kind) {
    return OUTCOME.compareAndSet(this, PENDING, kind.ordinal() + 1);
  }

  private void record(Monitor.Outcome kind, Throwable failure) {
    if (policy.monitor != null) {
      long nanos = Ticks.nanoTime() - start;
      policy.monitor.end(epoch, kind, nanos);
      CallListener l = listener();
      if (l != null) {
        Extras<T> x = extras;
        l.ended(x.token, kind.exported, nanos, x.retries, x.fallbackRan,
            failure == null ? null : unwrap(failure));
      }
    }
  }

  private void finish(Monitor.Outcome kind, T value, Throwable failure) {
    FallbackSpec fallback = policy.fallback;
    if (fallback != null && failure != null && kind != Monitor.Outcome.CANCELLATION) {
      Extras<T> x = reentrant();
      if (!x.fellBack && fallback.appliesTo(failure) && !decided()) {
        x.fellBack = true;
        fallBack(x, failure);
        return;
      }
    }
    if (!decide(kind)) {
      return;
    }
    record(kind, failure);
    LoopHandle callerLoop = extras == null ? null : extras.callerLoop;
    if (callerLoop != null && !callerLoop.inLoop()) {
      try {
        callerLoop.execute(() -> completeInContext(value, failure));
        return;
      } catch (RejectedExecutionException e) {
        // the caller's loop is gone: complete here rather than never
      }
    }
    completeInContext(value, failure);
  }

  /** Runs the fallback for {@code failure} where the body would: the runOn loop, else here. */
  private void fallBack(Extras<T> x, Throwable failure) {
    LoopHandle loop = policy.runOn == null ? null : policy.runOnLoop();
    if (loop != null && !loop.inLoop()) {
      try {
        loop.execute(() -> runFallback(x, failure));
        return;
      } catch (RejectedExecutionException e) {
        // the loop is gone: run it here rather than never
      }
    }
    runFallback(x, failure);
  }

  private void runFallback(Extras<T> x, Throwable failure) {
    if (decided()) {
      return; // the caller cancelled: the fallback never runs (and is not counted)
    }
    if (policy.monitor != null) {
      // counted here, not when it was handed to the loop: `fallbacks` counts calls in which it ran
      policy.monitor.fellBack(epoch);
      x.fallbackRan = true;
      if (x.listener != null) {
        x.listener.fellBack(x.token, failure);
      }
    }
    FallbackSpec fallback = policy.fallback;
    Object saved = policy.context.attach(x.context);
    Object savedCarried = Carriers.attach(x.carried);
    CompletionStage<?> stage;
    try {
      stage = fallback.handler.apply(x.capture, failure);
      if (stage == null) {
        stage = CompletableFuture.failedFuture(new NullPointerException("fallback method "
            + fallback.name + " returned null instead of a CompletionStage (fallback of "
            + policy.operation + ")"));
      }
    } catch (Throwable t) {
      stage = CompletableFuture.failedFuture(t);
    } finally {
      Carriers.restore(x.carried, savedCarried);
      policy.context.restore(saved);
    }
    x.fallbackStage = stage;
    if (decided()) {
      cancelQuietly(stage); // the caller cancelled while it ran
      return;
    }
    try {
      stage.whenComplete((value, error) -> fallbackEnded(value, error, failure));
    } catch (Throwable t) {
      fallbackEnded(null, t, failure);
    }
  }

  @SuppressWarnings("unchecked")
  private void fallbackEnded(Object value, Throwable error, Throwable original) {
    if (error == null) {
      finish(Monitor.Outcome.SUCCESS, (T) value, null);
      return;
    }
    Throwable failure = unwrap(error);
    if (failure != original) {
      failure.addSuppressed(original);
    }
    finish(Monitor.Outcome.FAILURE, null, failure);
  }

  private void completeInContext(T value, Throwable failure) {
    Object saved = policy.context.attach(context());
    Object savedCarried = Carriers.attach(carried());
    try {
      if (failure == null) {
        super.complete(value);
      } else {
        super.completeExceptionally(failure);
      }
    } finally {
      Carriers.restore(carried(), savedCarried);
      policy.context.restore(saved);
    }
  }

  /** Stops what is in flight after the outcome was decided from outside. */
  private void stopInFlight(boolean mayInterrupt) {
    AttemptWatch w = watch;
    if (w != null && w.cancel()) {
      if (policy.breaker != null) {
        policy.breaker.release(w.breakerPermit()); // neither outcome: a trial permit goes back
      }
      if (policy.bulkhead != null) {
        policy.bulkhead.remove(w); // still waiting: it never runs
      }
      CompletionStage<?> source = w.source;
      if (source != null) {
        try {
          source.toCompletableFuture().cancel(mayInterrupt);
        } catch (RuntimeException e) {
          // a stage that cannot be cancelled is left to finish; its result is ignored
        }
      }
    }
    if (extras != null) {
      TimerTask pause = extras.pause;
      if (pause != null) {
        pause.cancel();
      }
      CompletionStage<?> fallbackStage = extras.fallbackStage;
      if (fallbackStage != null) {
        try {
          fallbackStage.toCompletableFuture().cancel(mayInterrupt);
        } catch (RuntimeException e) {
          // not cancellable: its result is ignored
        }
      }
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!decide(Monitor.Outcome.CANCELLATION)) {
      return isCancelled();
    }
    record(Monitor.Outcome.CANCELLATION, new CancellationException("cancelled by the caller"));
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    stopInFlight(mayInterruptIfRunning);
    return cancelled;
  }

  @Override
  public boolean complete(T value) {
    if (!decide(Monitor.Outcome.SUCCESS)) {
      return false;
    }
    record(Monitor.Outcome.SUCCESS, null);
    boolean done = super.complete(value);
    stopInFlight(false);
    return done;
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    Checks.notNull(failure, "failure");
    Monitor.Outcome kind = failure instanceof CancellationException
        ? Monitor.Outcome.CANCELLATION : Monitor.Outcome.FAILURE;
    if (!decide(kind)) {
      return false;
    }
    record(kind, failure);
    boolean done = super.completeExceptionally(failure);
    stopInFlight(false);
    return done;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }

  // ---- helpers ----

  private static void cancelQuietly(CompletionStage<?> stage) {
    if (stage == null) {
      return;
    }
    try {
      stage.toCompletableFuture().cancel(true);
    } catch (RuntimeException e) {
      // not cancellable: its late result will be ignored
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
