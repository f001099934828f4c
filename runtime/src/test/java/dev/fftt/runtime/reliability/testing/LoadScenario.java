package dev.fftt.runtime.reliability.testing;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Attempt;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.timer.Completions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Guarded calls with random outcomes from several caller threads, with the callers' own tallies
 * of what they saw, to compare with the monitors. Each attempt does one of: succeed now, fail now,
 * throw, return {@code null}, succeed or fail a few ms later, complete after its timeout (slow), or
 * never complete. A few callers cancel at once and a few after a random delay (in a retry pause,
 * during an attempt, or after the end). Four operations: timeout only; timeout with retries and a
 * pause (jitter, an abortOn); timeout with one immediate retry; timeout that does not cancel.
 */
public final class LoadScenario {

  /** Each attempt's limit. */
  public static final long TIMEOUT_MILLIS = 40;

  /** What one operation's callers counted. */
  public static final class Op {
    public final String monitor;
    final GuardPolicy policy;
    public final boolean cancelsOnTimeout;
    public final LongAdder calls = new LongAdder();
    public final LongAdder bodies = new LongAdder();
    public final LongAdder successes = new LongAdder();
    public final LongAdder failures = new LongAdder();
    public final LongAdder timeouts = new LongAdder();
    public final LongAdder cancellations = new LongAdder();
    /** Attempts whose future never completes by itself, and how many of those were cancelled. */
    public final LongAdder neverMade = new LongAdder();
    public final LongAdder neverCancelled = new LongAdder();
    /** Attempt futures this scenario completed itself (later, or slow). */
    public final LongAdder completedLater = new LongAdder();

    Op(String monitor, GuardPolicy policy, boolean cancelsOnTimeout) {
      this.monitor = monitor;
      this.policy = policy;
      this.cancelsOnTimeout = cancelsOnTimeout;
    }

    public OperationStats stats() {
      return Monitors.get(monitor).stats();
    }

    public long lateCompletions() {
      return Monitors.get(monitor).lateCompletions();
    }
  }

  public final List<Op> ops;
  /** Completions seen by each call's callback, by call number. */
  public final AtomicIntegerArray completions;
  /** Calls for which Guard.call threw (it must never). */
  public final LongAdder thrown = new LongAdder();
  private final int calls;

  public LoadScenario(String runId, int calls) {
    this.calls = calls;
    this.completions = new AtomicIntegerArray(calls);
    Duration limit = Duration.ofMillis(TIMEOUT_MILLIS);
    String p = "rel.load." + runId + ".";
    this.ops = List.of(
        new Op(p + "plain", GuardPolicy.builder("Load.plain").monitor(p + "plain")
            .timeout(limit, true).build(), true),
        new Op(p + "retried", GuardPolicy.builder("Load.retried").monitor(p + "retried")
            .timeout(limit, true)
            .retry(new RetrySpec(2, 2_000_000L, 2.0, 0, 0.5, 0, List.of(Exception.class),
                List.of(IllegalArgumentException.class))).build(), true),
        new Op(p + "immediate", GuardPolicy.builder("Load.immediate").monitor(p + "immediate")
            .timeout(limit, true).retry(RetrySpec.immediate(1)).build(), true),
        new Op(p + "kept", GuardPolicy.builder("Load.kept").monitor(p + "kept")
            .timeout(limit, false).build(), false));
  }

  /** Makes every call from {@code threads} threads; returns once all calls are made (not ended). */
  public void makeCalls(int threads, ScheduledExecutorService later) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger names = new AtomicInteger();
    ExecutorService callers = Executors.newFixedThreadPool(threads,
        r -> new Thread(r, "load-caller-" + names.incrementAndGet()));
    for (int t = 0; t < threads; t++) {
      callers.execute(() -> {
        for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
          call(i, later);
        }
      });
    }
    callers.shutdown();
    if (!callers.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new AssertionError("callers did not finish making calls");
    }
  }

  /** How many calls have completed so far (by their callbacks). */
  public long completed() {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += completions.get(i);
    }
    return sum;
  }

  private void call(int i, ScheduledExecutorService later) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Op op = ops.get(random.nextInt(ops.size()));
    op.calls.increment();
    CompletableFuture<String> result;
    try {
      result = Guard.call(op.policy, () -> attempt(op, later));
    } catch (Throwable t) {
      thrown.increment();
      return;
    }
    result.whenComplete((v, e) -> {
      completions.incrementAndGet(i);
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause == null) {
        op.successes.increment();
      } else if (cause instanceof CancellationException) {
        op.cancellations.increment();
      } else if (cause instanceof AsyncTimeoutException) {
        op.timeouts.increment();
      } else {
        op.failures.increment();
      }
    });
    int cancel = random.nextInt(100);
    if (cancel < 4) {
      result.cancel(true);
    } else if (cancel < 8) {
      later.schedule(() -> result.cancel(true), random.nextInt(60), TimeUnit.MILLISECONDS);
    }
  }

  private CompletableFuture<String> attempt(Op op, ScheduledExecutorService later) {
    op.bodies.increment();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int roll = random.nextInt(100);
    if (roll < 30) {
      return CompletableFuture.completedFuture("now");
    }
    if (roll < 40) {
      return CompletableFuture.failedFuture(new IOException("failed now"));
    }
    if (roll < 45) {
      throw new IllegalArgumentException("thrown");
    }
    if (roll < 47) {
      return null;
    }
    CompletableFuture<String> f = new CompletableFuture<>();
    if (roll < 72) {
      later.schedule(() -> count(op, f.complete("later")), 1 + random.nextInt(5), TimeUnit.MILLISECONDS);
    } else if (roll < 80) {
      later.schedule(() -> count(op, f.completeExceptionally(new IOException("failed later"))),
          1 + random.nextInt(5), TimeUnit.MILLISECONDS);
    } else if (roll < 90) {
      later.schedule(() -> count(op, f.complete("slow")), TIMEOUT_MILLIS + 20 + random.nextInt(30),
          TimeUnit.MILLISECONDS);
    } else {
      op.neverMade.increment();
      f.whenComplete((v, e) -> {
        if (f.isCancelled()) {
          op.neverCancelled.increment();
        }
      });
    }
    return f;
  }

  private static void count(Op op, boolean completedByUs) {
    if (completedByUs) {
      op.completedLater.increment();
    }
  }
}
