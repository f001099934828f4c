package dev.fftt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.fftt.agent.junit.FfttExtension;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.test.fixtures.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Timeouts, retry pauses, breaker delays and latencies on the kit's virtual clock. */
@ExtendWith({FfttExtension.class, FfttTestExtension.class})
class VirtualTimeTest {

  private static final long MS = 1_000_000L;

  @Test
  void aTimeoutFiresWhenTheClockReachesItsDeadlineAndNotANanosecondBefore(VirtualClock clock) {
    Backend backend = new Backend(clock::nanoTime);
    CompletableFuture<String> call = backend.fetch();
    AtomicReference<Thread> completedOn = new AtomicReference<>();
    call.whenComplete((v, e) -> completedOn.set(Thread.currentThread()));

    assertThat(clock.pendingTimers()).isEqualTo(1);
    assertThat(clock.untilNextTimer()).contains(Duration.ofSeconds(2));
    clock.advanceBy(Duration.ofSeconds(2).minusNanos(1));
    assertThat(call).isNotDone();
    assertThat(clock.untilNextTimer()).contains(Duration.ofNanos(1));

    clock.advanceBy(Duration.ofNanos(1));

    assertThat(call).isCompletedExceptionally();
    assertThat(catchThrowable(call::join)).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(AsyncTimeoutException.class).hasMessageContaining("kit_fetch");
    assertThat(completedOn.get()).as("timeouts complete on the test thread").isSameAs(Thread.currentThread());
    assertThat(backend.body(0)).as("cancel = true").isCancelled();
    assertThat(clock.pendingTimers()).isZero();
    assertThat(clock.untilNextTimer()).isEmpty();
    assertThat(Diagnostics.operation("kit_fetch")).get()
        .satisfies(s -> assertThat(s.timeouts()).isEqualTo(1));
  }

  @Test
  void asyncWithTimeoutRunsOnTheVirtualClockToo(VirtualClock clock) {
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> call = Async.withTimeout(never, Duration.ofMillis(300));

    clock.advanceBy(Duration.ofMillis(300).minusNanos(1));
    assertThat(call).isNotDone();
    clock.advanceBy(Duration.ofNanos(1));

    assertThat(catchThrowable(call::join)).cause().isInstanceOf(AsyncTimeoutException.class);
  }

  @Test
  void aCallThatCompletesInTimeLeavesNoTimerAndRecordsItsVirtualLatency(VirtualClock clock) {
    Backend backend = new Backend(clock::nanoTime);
    CompletableFuture<String> call = backend.fetch();

    clock.advanceBy(Duration.ofMillis(300));
    backend.body(0).complete("ok");

    assertThat(call).isCompletedWithValue("ok");
    assertThat(clock.pendingTimers()).as("the timeout entry was cancelled").isZero();
    assertThat(Diagnostics.operation("kit_fetch")).get()
        .satisfies(s -> assertThat(s.maxMillis()).isCloseTo(300.0, within(30.0)));
  }

  @Test
  void retriesTwiceWithA100MsPauseThenTimesOutAfter2s(VirtualClock clock) {
    Backend backend = new Backend(clock::nanoTime);
    backend.failFirst = 2;
    long t0 = clock.nanoTime();
    CompletableFuture<String> call = backend.retrying();

    assertThat(backend.bodyRuns).hasSize(1);
    clock.advanceBy(Duration.ofMillis(100).minusNanos(1));
    assertThat(backend.bodyRuns).as("the pause has not passed").hasSize(1);
    clock.advanceBy(Duration.ofNanos(1));
    assertThat(backend.bodyRuns).hasSize(2);
    clock.advanceBy(Duration.ofMillis(100));
    assertThat(backend.bodyRuns).hasSize(3);
    assertThat(backend.bodyRuns).containsExactly(t0, t0 + 100 * MS, t0 + 200 * MS);

    clock.advanceBy(Duration.ofSeconds(2).minusNanos(1));
    assertThat(call).isNotDone();
    clock.advanceBy(Duration.ofNanos(1));

    Throwable failure = catchThrowable(call::join).getCause();
    assertThat(failure).isInstanceOf(AsyncTimeoutException.class);
    assertThat(failure.getSuppressed()).hasSize(2);
    assertThat(clock.nanoTime() - t0).isEqualTo(2_200 * MS);
    assertThat(Diagnostics.operation("kit_retrying")).get().satisfies(s -> {
      assertThat(s.retries()).isEqualTo(2);
      assertThat(s.timeouts()).isEqualTo(1);
    });
  }

  @Test
  void retryPausesWithMultiplierAndSeededJitterLandOnTheComputedInstants(FfttTestKit kit) {
    VirtualClock clock = kit.clock();
    List<Long> first = runBackoff(kit, 42);
    assertThat(first).containsExactlyElementsOf(expectedBackoffInstants(first.get(0), 42));
    // the same seed, the same pauses; another seed, others
    List<Long> again = runBackoff(kit, 42);
    assertThat(offsets(again)).isEqualTo(offsets(first));
    assertThat(offsets(runBackoff(kit, 7))).isNotEqualTo(offsets(first));
    assertThat(clock.pendingTimers()).isZero();
  }

  /** Runs backoff() to its end (6 failing attempts) by stepping to each pause's end exactly. */
  private static List<Long> runBackoff(FfttTestKit kit, long seed) {
    kit.seed(seed);
    VirtualClock clock = kit.clock();
    Backend backend = new Backend(clock::nanoTime);
    backend.failFirst = Integer.MAX_VALUE;
    CompletableFuture<String> call = backend.backoff();
    while (clock.untilNextTimer().isPresent()) {
      Duration pause = clock.untilNextTimer().get();
      int runs = backend.bodyRuns.size();
      clock.advanceBy(pause.minusNanos(1));
      assertThat(backend.bodyRuns).as("not a nanosecond early").hasSize(runs);
      clock.advanceBy(Duration.ofNanos(1));
      assertThat(backend.bodyRuns).hasSize(runs + 1);
    }
    assertThat(call).isCompletedExceptionally();
    assertThat(backend.bodyRuns).hasSize(6);
    return backend.bodyRuns;
  }

  /** delay × multiplier^(n-1), capped by maxDelay, spread by ± jitter from Random(seed): the contract's formula. */
  private static List<Long> expectedBackoffInstants(long t0, long seed) {
    Random random = new Random(seed);
    List<Long> instants = new ArrayList<>();
    long t = t0;
    instants.add(t);
    for (int n = 1; n <= 5; n++) {
      double d = Math.min(100 * MS * Math.pow(2.0, n - 1), 1000 * MS);
      d += d * 0.25 * (random.nextDouble() * 2 - 1);
      t += (long) d;
      instants.add(t);
    }
    return instants;
  }

  private static List<Long> offsets(List<Long> instants) {
    List<Long> out = new ArrayList<>();
    for (Long i : instants) {
      out.add(i - instants.get(0));
    }
    return out;
  }

  @Test
  void theBreakersDelayOpensTheTrialAtTheRightInstant(VirtualClock clock) {
    Backend backend = new Backend(clock::nanoTime);
    backend.failFirst = 2;
    assertThat(backend.guarded()).isCompletedExceptionally();
    assertThat(backend.guarded()).isCompletedExceptionally();
    assertThat(Diagnostics.circuitBreaker("kit_breaker")).get().satisfies(b -> {
      assertThat(b.state()).isEqualTo("OPEN");
      assertThat(b.nextTrialInMillis()).isEqualTo(5000.0);
    });

    clock.advanceBy(Duration.ofMillis(5000).minusNanos(1));
    CompletableFuture<String> early = backend.guarded();
    assertThat(catchThrowable(early::join)).cause().isInstanceOf(CircuitBreakerOpenException.class);
    assertThat(backend.bodyRuns).as("refused: no body").hasSize(2);
    assertThat(Diagnostics.circuitBreaker("kit_breaker").get().state()).isEqualTo("OPEN");

    clock.advanceBy(Duration.ofNanos(1));
    assertThat(Diagnostics.circuitBreaker("kit_breaker").get().state()).isEqualTo("HALF_OPEN");
    CompletableFuture<String> trial = backend.guarded();
    assertThat(backend.bodyRuns).as("the trial ran its body").hasSize(3);
    backend.body(0).complete("ok");
    assertThat(trial).isCompletedWithValue("ok");
    assertThat(Diagnostics.circuitBreaker("kit_breaker").get().state()).isEqualTo("CLOSED");
  }

  @Test
  void aBulkheadsWaitingAttemptStartsOnTheTestThreadAndItsWaitIsVirtual(VirtualClock clock) {
    Backend backend = new Backend(clock::nanoTime);
    CompletableFuture<String> first = backend.oneAtATime();
    CompletableFuture<String> second = backend.oneAtATime(); // waits for the permit
    assertThat(backend.bodyRuns).hasSize(1);

    clock.advanceBy(Duration.ofMillis(300));
    backend.body(0).complete("one");
    assertThat(first).isCompletedWithValue("one");
    assertThat(backend.bodyRuns).as("handed to the completion pool: the test thread runs it")
        .hasSize(1);
    clock.advanceBy(Duration.ZERO);
    assertThat(backend.bodyRuns).hasSize(2);
    backend.body(1).complete("two");
    assertThat(second).isCompletedWithValue("two");
    assertThat(Diagnostics.bulkhead("kit_bulkhead")).get().satisfies(b -> {
      assertThat(b.maxWaitMillis()).isEqualTo(300.0);
      assertThat(b.running()).isZero();
      assertThat(b.waiting()).isZero();
    });
  }
}
