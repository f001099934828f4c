package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The retry state under contention: calls with retries (no pause, or a 1 ms pause that fires on
 * the timer's 5 ms ticks) whose attempts are failed or completed by two other threads, while a
 * third cancels some callers' futures and completes others from outside, at random moments —
 * racing with an attempt's completion, with a pause being scheduled and firing, and with a retry's
 * body running. Attempts of calls that will be ended from outside may hang, so only the guard can
 * stop them. Every call completes once, the counts equal the tallies, every attempt future ends
 * (no work left running unwatched), and no timer entry is left though each attempt's limit is
 * 10 minutes. 20,000 calls in the normal run; {@code -Dfftt.stress.retryCalls} (default
 * 500,000) in the stress group.
 */
class RetryStateUnderContentionTest {

  private static final AtomicInteger RUNS = new AtomicInteger();

  private enum Plan { LEFT_ALONE, CANCELLED, COMPLETED_OUTSIDE }

  @Test
  void cancelRacesWithPausesAndAttemptCompletionAndNothingIsLost() throws Exception {
    race(20_000);
  }

  @Test
  @Tag("stress")
  void cancelRacesWithPausesAndAttemptCompletionAtScale() throws Exception {
    race(Integer.getInteger("fftt.stress.retryCalls", 500_000));
  }

  private static void race(int n) throws Exception {
    String name = "rel.retryRace." + RUNS.incrementAndGet();
    GuardPolicy immediate = GuardPolicy.builder("RetryRace.immediate").monitor(name)
        .timeout(Duration.ofMinutes(10), true).retry(RetrySpec.immediate(3)).build();
    GuardPolicy paused = GuardPolicy.builder("RetryRace.paused").monitor(name)
        .timeout(Duration.ofMinutes(10), true)
        .retry(new RetrySpec(3, 1_000_000L, 1.0, 0, 0, 0, List.of(IOException.class), List.of()))
        .build();
    AtomicIntegerArray completions = new AtomicIntegerArray(n);
    LongAdder bodies = new LongAdder();
    LongAdder successes = new LongAdder();
    LongAdder failures = new LongAdder();
    LongAdder cancellations = new LongAdder();
    LongAdder other = new LongAdder();
    ConcurrentLinkedQueue<CompletableFuture<String>> hanging = new ConcurrentLinkedQueue<>();
    LinkedBlockingQueue<CompletableFuture<String>> toComplete = new LinkedBlockingQueue<>();
    AtomicBoolean calling = new AtomicBoolean(true);
    ScheduledExecutorService outside = Executors.newSingleThreadScheduledExecutor();
    ExecutorService completers = Executors.newFixedThreadPool(2);
    for (int c = 0; c < 2; c++) {
      completers.execute(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
          while (calling.get() || !toComplete.isEmpty()) {
            CompletableFuture<String> f = toComplete.poll(10, TimeUnit.MILLISECONDS);
            if (f == null) {
              continue;
            }
            for (int spin = random.nextInt(200); spin > 0; spin--) {
              Thread.onSpinWait();
            }
            if (random.nextInt(3) == 0) {
              f.complete("ok");
            } else {
              f.completeExceptionally(new IOException("retry me"));
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
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          int call = i;
          int roll = random.nextInt(100);
          Plan plan = roll < 30 ? Plan.CANCELLED : roll < 36 ? Plan.COMPLETED_OUTSIDE : Plan.LEFT_ALONE;
          CompletableFuture<String> result = Guard.call(random.nextBoolean() ? immediate : paused, () -> {
            bodies.increment();
            CompletableFuture<String> attempt = new CompletableFuture<>();
            if (plan != Plan.LEFT_ALONE && ThreadLocalRandom.current().nextBoolean()) {
              hanging.add(attempt); // only the guard can end it, when the caller ends the call
            } else {
              toComplete.add(attempt);
            }
            return attempt;
          });
          result.whenComplete((v, e) -> {
            completions.incrementAndGet(call);
            if (e == null) {
              successes.increment();
            } else if (e instanceof CancellationException) {
              cancellations.increment();
            } else if (e instanceof IOException) {
              failures.increment();
            } else {
              other.increment();
            }
          });
          if (plan != Plan.LEFT_ALONE) {
            long delay = random.nextLong(8_000_000L);
            outside.schedule(() -> {
              if (plan == Plan.CANCELLED) {
                result.cancel(true);
              } else {
                result.complete("outside");
              }
            }, delay, TimeUnit.NANOSECONDS);
          }
        }
      });
    }
    callers.shutdown();
    assertThat(callers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    outside.shutdown();
    assertThat(outside.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    await("all calls to end").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> successes.sum() + failures.sum() + cancellations.sum() + other.sum() >= n);
    calling.set(false);
    completers.shutdown();
    assertThat(completers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

    for (int i = 0; i < n; i++) {
      assertThat(completions.get(i)).as("completions of call %d", i).isEqualTo(1);
    }
    await("every hanging attempt to be cancelled by the guard").atMost(Duration.ofSeconds(10))
        .until(() -> hanging.stream().allMatch(CompletableFuture::isCancelled));
    Quiescence.awaitTimerIdle(Duration.ofSeconds(10));
    OperationStats s = Monitors.get(name).stats();
    System.out.printf("FFTT retry races: %d calls, %d bodies, %s; hanging attempts cancelled: %d;"
        + " timer pending after: 0%n", n, bodies.sum(), s, hanging.size());
    assertThat(other.sum()).as("unexpected outcomes").isZero();
    assertThat(s.calls()).isEqualTo(n);
    assertThat(s.successes()).isEqualTo(successes.sum());
    assertThat(s.failures()).isEqualTo(failures.sum());
    assertThat(s.cancellations()).isEqualTo(cancellations.sum());
    assertThat(s.timeouts()).isZero();
    assertThat(s.inFlight()).isZero();
    assertThat(s.retries()).isEqualTo(bodies.sum() - n);
    assertThat(s.cancellations()).isPositive();
    assertThat(s.retries()).isPositive();
  }
}
