package dev.fftt.runtime.internal.monitor;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.export.CallSlot;
import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Failures;
import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and latency histogram of one operation name. Every method is lock-free and safe
 * to call from any thread; counters are {@link LongAdder}s so concurrent callers do not share a
 * hot cache line.
 *
 * <p>Calls are not counted directly: a call either ends at once (its outcome is counted) or is in
 * flight until it ends, so {@code calls = successes + failures + timeouts + cancellations + inFlight}
 * holds by construction, and a call costs one counter update when its future is already complete.
 * {@link #reset()} starts a new epoch: calls still in flight then stay counted as in flight, and
 * their outcome is not counted when they end.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Monitor {

  /** How a call ended. */
  public enum Outcome {
    SUCCESS(CallOutcome.SUCCESS), FAILURE(CallOutcome.FAILURE), TIMEOUT(CallOutcome.TIMEOUT),
    CANCELLATION(CallOutcome.CANCELLED);

    /** The same, as exporters see it. */
    public final CallOutcome exported;

    Outcome(CallOutcome exported) {
      this.exported = exported;
    }
  }

  private final String name;
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder cancellations = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder lateCompletions = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder rejections = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();
  // Incremented by reset() (under this lock), read by every begin/end/retried on any thread. A
  // call that read the old value has its outcome dropped: that is how reset() keeps the counts of
  // calls in flight across it from landing in the new epoch. Volatile so a call begun after a
  // reset returns sees the new value.
  private volatile int epoch;

  private final RecentWindow recent = new RecentWindow();
  private final CallSlot exports;

  Monitor(String name) {
    this.name = name;
    this.exports = Exports.operation(name);
  }

  /**
   * What hears this operation's calls that start now (exporters), {@code null} when nobody
   * listens. A call in flight keeps what it read here until it ends.
   */
  public CallListener listener() {
    return exports.listener();
  }

  /** The operation name. */
  public String name() {
    return name;
  }

  /**
   * Counts a call that ended as soon as it started: {@code done}, its future, was already
   * complete; the exporters hear of it too.
   */
  public void ended(Outcome outcome, long nanos, CompletableFuture<?> done) {
    adder(outcome).increment();
    latency.record(nanos);
    CallListener l = exports.listener();
    if (l != null) {
      l.ended(null, outcome.exported, nanos, 0, false,
          outcome == Outcome.SUCCESS ? null : Failures.of(done));
    }
  }

  /** Counts a call now in flight; returns the epoch to hand back to {@link #end}. */
  public int begin() {
    inFlight.increment();
    return epoch;
  }

  /** Ends a call counted by {@link #begin()}. */
  public void end(int startEpoch, Outcome outcome, long nanos) {
    if (startEpoch == epoch) {
      adder(outcome).increment();
      latency.record(nanos);
    }
    inFlight.decrement();
  }

  /** Counts one re-invocation of a call begun in {@code startEpoch}. */
  public void retried(int startEpoch) {
    if (startEpoch == epoch) {
      retries.increment();
    }
  }

  /** Counts a call of {@code startEpoch} in which the fallback ran (whatever its outcome). */
  public void fellBack(int startEpoch) {
    if (startEpoch == epoch) {
      fallbacks.increment();
    }
  }

  /** Counts an attempt refused by a circuit breaker or a bulkhead (its body did not run). */
  public void rejected(int startEpoch) {
    if (startEpoch == epoch) {
      rejections.increment();
    }
  }

  /** Counts an attempt that completed after its timeout had already failed it (ignored). */
  public void lateCompletion() {
    lateCompletions.increment();
  }

  /** Completions that arrived after their timeout and were ignored. */
  public long lateCompletions() {
    return lateCompletions.sum();
  }

  private LongAdder adder(Outcome outcome) {
    switch (outcome) {
      case SUCCESS: return successes;
      case FAILURE: return failures;
      case TIMEOUT: return timeouts;
      default: return cancellations;
    }
  }

  /** The counts and latency percentiles now. */
  public OperationStats stats() {
    long flying = inFlight.sum();
    long s = successes.sum();
    long f = failures.sum();
    long t = timeouts.sum();
    long c = cancellations.sum();
    LatencyHistogram.Snapshot h = latency.snapshot();
    return new OperationStats(name, s + f + t + c + flying, s, f, t, c, retries.sum(), flying,
        h.valueAtPercentile(50) / 1e6, h.valueAtPercentile(99) / 1e6, h.max() / 1e6,
        fallbacks.sum(), rejections.sum());
  }

  /**
   * {@code {ended, bad}}: the calls that ended in the recent window (see {@link RecentWindow}),
   * and those of them that failed or timed out.
   */
  public long[] recentEndedAndBad(OperationStats now) {
    long ended = now.successes() + now.failures() + now.timeouts() + now.cancellations();
    return recent.recent(ended, now.failures() + now.timeouts());
  }

  /** Whether this operation has been called since the last reset (or is in flight). */
  boolean active() {
    return successes.sum() + failures.sum() + timeouts.sum() + cancellations.sum()
        + inFlight.sum() > 0;
  }

  /** Zeroes every count except calls in flight, which stay counted until they end. */
  public synchronized void reset() {
    epoch++;
    successes.reset();
    failures.reset();
    timeouts.reset();
    cancellations.reset();
    retries.reset();
    lateCompletions.reset();
    latency.reset();
    fallbacks.reset();
    rejections.reset();
    recent.reset();
  }
}
