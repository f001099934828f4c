package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.monitor.Monitors;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One monitor's counters under contention: four threads make calls that end at once (success or
 * failure), or later on two other threads, or by the caller's cancel, while a reader takes
 * snapshots. Every snapshot keeps {@code calls = successes + failures + timeouts + cancellations
 * + inFlight} with no negative count, and each outcome count and {@code retries} never goes down;
 * at rest every count equals the callers' tallies exactly. (While calls end, a snapshot's
 * {@code calls} may be off by the calls ending at that instant; the test reports by how much.)
 * 400,000 calls in the normal run; {@code -Dfftt.stress.monitorCalls} (default 4,000,000) in the
 * stress group.
 */
class MonitorCountersUnderContentionTest {

  private static final AtomicInteger RUNS = new AtomicInteger();

  @Test
  void countsStayConsistentWhileReadAndAreExactAtRest() throws Exception {
    race(400_000);
  }

  @Test
  @Tag("stress")
  void countsStayConsistentWhileReadAndAreExactAtRestAtScale() throws Exception {
    race(Integer.getInteger("fftt.stress.monitorCalls", 4_000_000));
  }

  private static void race(int n) throws Exception {
    String name = "rel.monitorRace." + RUNS.incrementAndGet();
    GuardPolicy policy = GuardPolicy.builder("MonitorRace.op").monitor(name).build();
    LongAdder started = new LongAdder();
    LongAdder successes = new LongAdder();
    LongAdder failures = new LongAdder();
    LongAdder cancellations = new LongAdder();
    LinkedBlockingQueue<CompletableFuture<String>> later = new LinkedBlockingQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicReference<String> broken = new AtomicReference<>();
    long[] snapshots = new long[1];
    long[] maxOver = new long[1];
    Thread reader = new Thread(() -> {
      OperationStats last = null;
      while (running.get()) {
        OperationStats s = Monitors.get(name).stats();
        long startedAfter = started.sum();
        snapshots[0]++;
        String problem = null;
        if (s.successes() < 0 || s.failures() < 0 || s.timeouts() < 0 || s.cancellations() < 0
            || s.retries() < 0) {
          problem = "a negative count";
        } else if (s.calls() != s.successes() + s.failures() + s.timeouts() + s.cancellations()
            + s.inFlight()) {
          problem = "calls is not the sum of outcomes and inFlight";
        } else if (last != null && (s.successes() < last.successes() || s.failures() < last.failures()
            || s.cancellations() < last.cancellations() || s.retries() < last.retries())) {
          problem = "an outcome count went down";
        }
        if (problem != null && broken.get() == null) {
          broken.set(problem + ": " + s + " after " + last);
        }
        maxOver[0] = Math.max(maxOver[0], s.calls() - startedAfter);
        last = s;
      }
    }, "monitor-reader");
    reader.start();

    ExecutorService completers = Executors.newFixedThreadPool(2);
    for (int c = 0; c < 2; c++) {
      completers.execute(() -> {
        try {
          while (running.get() || !later.isEmpty()) {
            CompletableFuture<String> f = later.poll(10, TimeUnit.MILLISECONDS);
            if (f != null) {
              f.complete("later");
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    ExecutorService callers = Executors.newFixedThreadPool(4);
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      callers.execute(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (next.getAndIncrement() < n) {
          int roll = random.nextInt(4);
          started.increment();
          CompletableFuture<String> result = Guard.call(policy, () -> {
            switch (roll) {
              case 0: return CompletableFuture.completedFuture("now");
              case 1: return CompletableFuture.failedFuture(new IOException("now"));
              default:
                CompletableFuture<String> f = new CompletableFuture<>();
                later.add(f);
                return f;
            }
          });
          if (roll == 3) {
            result.cancel(true);
          }
          result.whenComplete((v, e) -> {
            if (e == null) {
              successes.increment();
            } else if (result.isCancelled()) {
              cancellations.increment();
            } else {
              failures.increment();
            }
          });
        }
      });
    }
    callers.shutdown();
    assertThat(callers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> successes.sum() + failures.sum() + cancellations.sum() >= n);
    running.set(false);
    reader.join(10_000);
    completers.shutdown();
    assertThat(completers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

    OperationStats s = Monitors.get(name).stats();
    System.out.printf("FFTT monitor races: %d calls, %d snapshots taken while calls ran, largest"
        + " transient excess of calls over calls started: %d; at rest %s%n", n, snapshots[0],
        maxOver[0], s);
    assertThat(broken.get()).as("a snapshot broke an invariant").isNull();
    assertThat(s.calls()).isEqualTo(n);
    assertThat(s.successes()).isEqualTo(successes.sum());
    assertThat(s.failures()).isEqualTo(failures.sum());
    assertThat(s.cancellations()).isEqualTo(cancellations.sum());
    assertThat(s.timeouts()).isZero();
    assertThat(s.retries()).isZero();
    assertThat(s.inFlight()).isZero();
    assertThat(snapshots[0]).isPositive();
  }
}
