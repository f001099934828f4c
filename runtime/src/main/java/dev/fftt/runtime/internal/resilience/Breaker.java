package dev.fftt.runtime.internal.resilience;

import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Ticks;
import java.util.List;

/**
 * The circuit breaker of one operation: CLOSED judges the last {@code windowSize} outcomes and
 * opens when the failures among a full window reach {@code failureRatio × windowSize}; OPEN
 * refuses every attempt until {@code delayNanos} has passed; HALF_OPEN then admits at most
 * {@code successThreshold} trial attempts, closes when that many succeeded and opens again on the
 * first failure. Every change of state clears the window and starts a new generation.
 *
 * <p>An admitted attempt carries a permit ({@link #tryAcquire()}): its generation and whether it
 * is a trial. {@link #record} and {@link #release} ignore a permit of an older generation, so an
 * attempt admitted while CLOSED that ends after the breaker opened changes nothing.
 *
 * <p>Threads: {@link #tryAcquire()} reads one volatile field while CLOSED; everything else takes
 * this object's lock (uncontended in the common case: one short critical section per attempt).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Breaker {

  /** {@link #tryAcquire()}: refused. */
  public static final long REJECTED = -1;
  /** A watch's permit before the breaker was asked (or when there is no breaker). */
  public static final long NONE = -2;

  private static final int CLOSED = 0;
  private static final int OPEN = 1;
  private static final int HALF_OPEN = 2;
  private static final String[] NAMES = {"CLOSED", "OPEN", "HALF_OPEN"};

  private final String name;
  private final int windowSize;
  private final double failureRatio;
  private final long delayNanos;
  private final int successThreshold;
  private final List<Class<?>> failOn;
  private final List<Class<?>> skipOn;

  /**
   * The permit every attempt gets while CLOSED ({@code generation << 1}), or -1 while not CLOSED.
   * Written under the lock at every transition (last, after the state it publishes), read without
   * it by {@link #tryAcquire()}: a reader that sees a stale CLOSED permit gets a permit whose
   * generation is already over, which {@link #record} then ignores.
   */
  private volatile long closedPermit;

  // Guarded by this object's lock (every thread that records or asks while not CLOSED).
  private int state = CLOSED;
  private long generation;
  private final boolean[] window; // ring of outcomes, true = failure
  private int head;               // where the next outcome goes
  private int windowCalls;
  private int windowFailures;
  private long openedAt;          // Ticks.nanoTime() of the last opening
  private int trialsInFlight;
  private int trialSuccesses;
  private long opened;
  private long rejected;
  private long succeeded; // attempts whose outcome the breaker recorded as a success (any generation)
  private long failed;    // ... as a failure
  private String openedBecause = ""; // why it last opened, for the health issue

  /**
   * @throws IllegalArgumentException when a value is out of the ranges of {@code @CircuitBreaker}
   */
  public Breaker(String name, int windowSize, double failureRatio, long delayNanos,
      int successThreshold, List<Class<?>> failOn, List<Class<?>> skipOn) {
    Checks.argument(windowSize >= 1, "circuit breaker of %s: requestVolumeThreshold must be 1 or"
        + " more, was %s", name, windowSize);
    Checks.argument(failureRatio >= 0 && failureRatio <= 1, "circuit breaker of %s: failureRatio"
        + " must be within 0..1, was %s", name, failureRatio);
    Checks.argument(delayNanos >= 0, "circuit breaker of %s: delay must be 0 or more, was %s ns",
        name, delayNanos);
    Checks.argument(successThreshold >= 1, "circuit breaker of %s: successThreshold must be 1 or"
        + " more, was %s", name, successThreshold);
    this.name = name;
    this.windowSize = windowSize;
    this.failureRatio = failureRatio;
    this.delayNanos = delayNanos;
    this.successThreshold = successThreshold;
    this.failOn = List.copyOf(failOn);
    this.skipOn = List.copyOf(skipOn);
    this.window = new boolean[windowSize];
    this.closedPermit = 0;
  }

  /** The operation's name. */
  public String name() {
    return name;
  }

  /** Whether {@code other} has the same settings (so one operation's breaker can be shared). */
  public boolean sameSettings(Breaker other) {
    return windowSize == other.windowSize && failureRatio == other.failureRatio
        && delayNanos == other.delayNanos && successThreshold == other.successThreshold
        && failOn.equals(other.failOn) && skipOn.equals(other.skipOn);
  }

  /**
   * Asks to start an attempt: its permit (hand it to {@link #record} or {@link #release} when the
   * attempt ends), or {@link #REJECTED} (counted) when the breaker refuses it.
   */
  public long tryAcquire() {
    long permit = closedPermit;
    if (permit >= 0) {
      return permit;
    }
    int before;
    int after;
    synchronized (this) {
      before = state;
      permit = acquireLocked();
      after = state;
    }
    reportChange(before, after);
    return permit;
  }

  private long acquireLocked() {
    if (state == CLOSED) {
      return generation << 1;
    }
    if (state == OPEN && Ticks.nanoTime() - openedAt >= delayNanos) {
      transition(HALF_OPEN);
    }
    if (state == HALF_OPEN && trialsInFlight + trialSuccesses < successThreshold) {
      trialsInFlight++;
      return generation << 1 | 1;
    }
    rejected++;
    return REJECTED;
  }

  /**
   * Tells the exporters of a change of state, after the lock is released (a listener that is slow
   * or calls back into the breaker holds up nobody else). Changes made by different threads may
   * be reported out of order; each report names both states.
   */
  private void reportChange(int before, int after) {
    if (before != after) {
      Exports.circuitBreakerStateChanged(name, NAMES[before], NAMES[after]);
    }
  }

  /** The state that refused an attempt just now, for the exception's message. */
  public String refusingState() {
    synchronized (this) {
      return NAMES[state];
    }
  }

  /** Whether {@code failure} (unwrapped) counts as a failure: some failOn class, no skipOn class. */
  public boolean isFailure(Throwable failure) {
    return failure != null && instanceOfAny(failure, failOn) && !instanceOfAny(failure, skipOn);
  }

  /**
   * The attempt holding {@code permit} ended with {@code failure} ({@code null} for a value),
   * judged by {@link #isFailure}.
   */
  public void record(long permit, Throwable failure) {
    if (permit < 0) {
      return;
    }
    boolean failed = isFailure(failure);
    int before;
    int after;
    synchronized (this) {
      before = state;
      recordLocked(permit, failed, failure);
      after = state;
    }
    reportChange(before, after);
  }

  private void recordLocked(long permit, boolean failed, Throwable failure) {
    if (failed) {
      this.failed++;
    } else {
      succeeded++;
    }
    if (permit >>> 1 != generation) {
      return; // admitted before the last change of state: its outcome is about a past breaker
    }
    if ((permit & 1) == 0) {
      if (state == CLOSED) {
        closedOutcome(failed);
      }
      return;
    }
    trialsInFlight--;
    if (failed) {
      openedBecause = "a trial attempt failed (" + failure + ")";
      transition(OPEN);
    } else if (++trialSuccesses >= successThreshold) {
      transition(CLOSED);
    }
  }

  /**
   * The attempt holding {@code permit} was cancelled before it completed: it counts as neither
   * outcome and gives its trial permit back.
   */
  public void release(long permit) {
    if (permit < 0 || (permit & 1) == 0) {
      return;
    }
    synchronized (this) {
      if (permit >>> 1 == generation && state == HALF_OPEN) {
        trialsInFlight--;
      }
    }
  }

  private void closedOutcome(boolean failed) {
    if (windowCalls == windowSize) {
      if (window[head]) {
        windowFailures--;
      }
    } else {
      windowCalls++;
    }
    window[head] = failed;
    head = head + 1 == windowSize ? 0 : head + 1;
    if (failed) {
      windowFailures++;
    }
    // failures / size >= ratio, not failures >= ratio * size: the product is inexact in binary
    // (0.07 * 100 is 7.000000000000001, so 7 of 100 would not open at 0.07); the quotient of two
    // ints is the double nearest the true share, which equals the ratio's double when they are equal
    if (windowCalls == windowSize && (double) windowFailures / windowSize >= failureRatio) {
      openedBecause = windowFailures + " of " + windowSize + " recent attempts failed";
      transition(OPEN);
    }
  }

  /** Under the lock. */
  private void transition(int to) {
    state = to;
    generation++;
    head = 0;
    windowCalls = 0;
    windowFailures = 0;
    trialsInFlight = 0;
    trialSuccesses = 0;
    if (to == OPEN) {
      openedAt = Ticks.nanoTime();
      opened++;
    }
    closedPermit = to == CLOSED ? generation << 1 : -1;
  }

  /** The breaker now; an OPEN breaker whose delay has passed is reported (and becomes) HALF_OPEN. */
  public CircuitBreakerStats stats() {
    CircuitBreakerStats now;
    boolean halfOpened = false;
    synchronized (this) {
      long left = 0;
      if (state == OPEN) {
        left = delayNanos - (Ticks.nanoTime() - openedAt);
        if (left <= 0) {
          transition(HALF_OPEN);
          halfOpened = true;
          left = 0;
        }
      }
      now = new CircuitBreakerStats(name, NAMES[state], windowSize, windowFailures, windowCalls,
          opened, rejected, left / 1e6);
    }
    if (halfOpened) {
      reportChange(OPEN, HALF_OPEN);
    }
    return now;
  }

  /**
   * {@code {successes, failures, rejected}}: the attempts whose outcome it recorded as each (an
   * attempt admitted before a change of state included) and those it refused, since the last reset.
   */
  public synchronized long[] outcomes() {
    return new long[] {succeeded, failed, rejected};
  }

  /**
   * Why the breaker last opened, e.g. {@code "11 of 20 recent attempts failed"} (empty when it
   * never opened).
   */
  public synchronized String openedBecause() {
    return openedBecause;
  }

  /** Closes the breaker and zeroes its counts ({@code Diagnostics.reset()}). */
  public void reset() {
    int before;
    synchronized (this) {
      before = state;
      transition(CLOSED);
      opened = 0;
      rejected = 0;
      succeeded = 0;
      failed = 0;
      openedBecause = "";
    }
    reportChange(before, CLOSED);
  }

  private static boolean instanceOfAny(Throwable t, List<Class<?>> types) {
    for (int i = 0; i < types.size(); i++) {
      if (types.get(i).isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Breaker[" + name + ", window " + windowSize + ", ratio " + failureRatio + ", delay "
        + delayNanos / 1_000_000 + " ms, successThreshold " + successThreshold + "]";
  }
}
