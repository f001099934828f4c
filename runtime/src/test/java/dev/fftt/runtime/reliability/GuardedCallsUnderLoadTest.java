package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.reliability.testing.LoadScenario;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guarded calls from 8 threads with random outcomes (see {@link LoadScenario}): every returned
 * future completes exactly once, each operation's counts equal the callers' own tallies, nothing
 * stays in flight or in the timer, and live threads and retained heap return to where they were.
 * 100,000 calls in the normal run ({@code -Dfftt.load.calls}); a million in the {@code stress}
 * group ({@code -Dfftt.stress.calls}).
 */
class GuardedCallsUnderLoadTest {

  private static final int THREADS = 8;
  private static final long HEAP_SLACK = 32L << 20;
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Test
  void aHundredThousandCallsEndOnceEachAndLeaveNothingBehind() throws Exception {
    run(Integer.getInteger("fftt.load.calls", 100_000));
  }

  @Test
  @Tag("stress")
  void aMillionCallsEndOnceEachAndLeaveNothingBehind() throws Exception {
    run(Integer.getInteger("fftt.stress.calls", 1_000_000));
  }

  private static void run(int calls) throws Exception {
    // Given a warmed-up runtime (timer, completion threads, JIT) and the tallies allocated
    runOnce("warmup" + RUNS.incrementAndGet(), Math.max(2_000, calls / 20));
    Quiescence.awaitTimerIdle(Duration.ofSeconds(10));
    LoadScenario scenario = new LoadScenario("run" + RUNS.incrementAndGet(), calls);
    long heapBefore = Quiescence.heapUsedAfterGc();
    int threadsBefore = Quiescence.liveThreadsBesideCompletions();
    long start = System.nanoTime();

    // When every call is made and has ended
    ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    scenario.makeCalls(THREADS, later);
    long made = System.nanoTime();
    await("all " + calls + " calls to complete").atMost(Duration.ofSeconds(60 + calls / 5_000))
        .pollInterval(Duration.ofMillis(50)).until(() -> scenario.completed() >= calls);
    long ended = System.nanoTime();
    later.shutdown(); // lets the slow completions and late cancels still queued run
    assertThat(later.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // Then every future completed exactly once, and the monitors agree with the callers
    assertThat(scenario.thrown.sum()).as("Guard.call threw").isZero();
    for (int i = 0; i < calls; i++) {
      if (scenario.completions.get(i) != 1) {
        throw new AssertionError("call " + i + " completed " + scenario.completions.get(i) + " times");
      }
    }
    long totalCalls = 0;
    StringBuilder figures = new StringBuilder();
    for (LoadScenario.Op op : scenario.ops) {
      await("attempts that never complete to be cancelled (" + op.monitor + ")")
          .atMost(Duration.ofSeconds(10)).until(() -> !op.cancelsOnTimeout
              || op.neverCancelled.sum() == op.neverMade.sum());
      OperationStats s = op.stats();
      assertThat(s.calls()).as("calls of %s", op.monitor).isEqualTo(op.calls.sum());
      assertThat(s.successes()).as("successes of %s", op.monitor).isEqualTo(op.successes.sum());
      assertThat(s.failures()).as("failures of %s", op.monitor).isEqualTo(op.failures.sum());
      assertThat(s.timeouts()).as("timeouts of %s", op.monitor).isEqualTo(op.timeouts.sum());
      assertThat(s.cancellations()).as("cancellations of %s", op.monitor).isEqualTo(op.cancellations.sum());
      assertThat(s.successes() + s.failures() + s.timeouts() + s.cancellations())
          .as("outcomes of %s", op.monitor).isEqualTo(s.calls());
      assertThat(s.inFlight()).as("inFlight of %s", op.monitor).isZero();
      assertThat(s.retries()).as("retries of %s", op.monitor).isEqualTo(op.bodies.sum() - op.calls.sum());
      assertThat(op.lateCompletions()).as("late completions of %s", op.monitor)
          .isLessThanOrEqualTo(op.bodies.sum());
      if (!op.cancelsOnTimeout && calls >= 10_000) {
        assertThat(op.lateCompletions()).as("slow attempts of %s complete late", op.monitor).isPositive();
      }
      totalCalls += s.calls();
      figures.append(String.format(Locale.ROOT, "%n  %-28s calls=%d ok=%d failed=%d timeout=%d"
          + " cancelled=%d retries=%d inFlight=%d late=%d never=%d/%d cancelled", op.monitor,
          s.calls(), s.successes(), s.failures(), s.timeouts(), s.cancellations(), s.retries(),
          s.inFlight(), op.lateCompletions(), op.neverCancelled.sum(), op.neverMade.sum()));
    }
    assertThat(totalCalls).isEqualTo(calls);

    // And nothing is left behind: timer entries, threads, heap
    Quiescence.awaitTimerIdle(Duration.ofSeconds(10));
    Quiescence.awaitThreadsBackTo(threadsBefore, Duration.ofSeconds(25));
    int threadsAfter = Quiescence.liveThreads();
    long heapAfter = Quiescence.heapUsedAfterGc();
    System.out.printf(Locale.ROOT, "FFTT load: %d calls from %d threads made in %d ms, all ended"
        + " after %d ms; completed exactly once: %d; threads before=%d after=%d; heap before=%.1f MB"
        + " after=%.1f MB%s%n", calls, THREADS, (made - start) / 1_000_000,
        (ended - start) / 1_000_000, calls, threadsBefore, threadsAfter, heapBefore / 1e6,
        heapAfter / 1e6, figures);
    assertThat(threadsAfter).as("live threads: %s", Quiescence.threadNames())
        .isLessThanOrEqualTo(threadsBefore);
    assertThat(heapAfter).as("heap used after GC").isLessThanOrEqualTo(heapBefore + HEAP_SLACK);
    assertThat(scenario.completed()).isEqualTo(calls);
  }

  /** A smaller run with the same checks on the counts, to warm everything up. */
  private static void runOnce(String id, int calls) throws Exception {
    LoadScenario warm = new LoadScenario(id, calls);
    ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    warm.makeCalls(THREADS, later);
    await().atMost(Duration.ofSeconds(60)).until(() -> warm.completed() >= calls);
    later.shutdown();
    assertThat(later.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    for (LoadScenario.Op op : warm.ops) {
      assertThat(op.stats().calls()).isEqualTo(op.calls.sum());
    }
  }
}
