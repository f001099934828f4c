package dev.fftt.runtime.resilience;

import static dev.fftt.runtime.resilience.Support.BOUND;
import static dev.fftt.runtime.resilience.Support.breaker;
import static dev.fftt.runtime.resilience.Support.failureOf;
import static dev.fftt.runtime.resilience.Support.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The circuit breaker's contract (API.md, "Resilience policies"), through {@link AsyncGuard}. */
class CircuitBreakerSemanticsTest {

  private final AtomicInteger bodies = new AtomicInteger();

  private static AsyncGuard.CircuitBreakerBuilder<String> breakerGuard(String name) {
    return Async.<String>guard(name).monitored().withCircuitBreaker();
  }

  private CompletableFuture<String> succeed(AsyncGuard<String> guard) {
    return guard.call(() -> {
      bodies.incrementAndGet();
      return CompletableFuture.completedFuture("ok");
    });
  }

  private CompletableFuture<String> fail(AsyncGuard<String> guard, Throwable failure) {
    return guard.call(() -> {
      bodies.incrementAndGet();
      return CompletableFuture.failedFuture(failure);
    });
  }

  /** Calls whose bodies return {@code pending}'s futures (one new future per call, kept there). */
  private CompletableFuture<String> hang(AsyncGuard<String> guard,
      List<CompletableFuture<String>> pending) {
    return guard.call(() -> {
      bodies.incrementAndGet();
      CompletableFuture<String> body = new CompletableFuture<>();
      pending.add(body);
      return body;
    });
  }

  /** Opens {@code guard}'s breaker (window 1 or 2, ratio 1) by failing it. */
  private void open(AsyncGuard<String> guard, int window) {
    for (int i = 0; i < window; i++) {
      fail(guard, new IOException("down " + i));
    }
    assertThat(breaker(guard.name()).state()).isEqualTo("OPEN");
  }

  @Test
  void opensWhenTheFullWindowReachesTheRatioAndNotOneOutcomeEarlier() {
    String name = name("cb.threshold");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(5).failureRatio(0.6)
        .delay(Duration.ofHours(1)).done().build();

    // Given three failures first: already 3 >= 0.6 x 5, but the window is not full
    fail(guard, new IOException("1"));
    fail(guard, new IOException("2"));
    fail(guard, new IOException("3"));
    succeed(guard);
    CircuitBreakerStats four = breaker(name);
    assertThat(four.state()).isEqualTo("CLOSED");
    assertThat(four.windowCalls()).isEqualTo(4);
    assertThat(four.windowFailures()).isEqualTo(3);

    // When the fifth outcome fills the window
    succeed(guard);

    // Then it opens, clearing the window
    CircuitBreakerStats open = breaker(name);
    assertThat(open.state()).isEqualTo("OPEN");
    assertThat(open.opened()).isEqualTo(1);
    assertThat(open.windowCalls()).isZero();
    assertThat(open.windowFailures()).isZero();
    assertThat(open.windowSize()).isEqualTo(5);
  }

  @Test
  void aFullWindowBelowTheRatioStaysClosedAndSlides() {
    String name = name("cb.sliding");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(5).failureRatio(0.6)
        .delay(Duration.ofHours(1)).done().build();

    // S F S F S: 2 of 5 failed, below 3
    succeed(guard);
    fail(guard, new IOException("a"));
    succeed(guard);
    fail(guard, new IOException("b"));
    succeed(guard);
    assertThat(breaker(name).state()).isEqualTo("CLOSED");
    assertThat(breaker(name).windowCalls()).isEqualTo(5);
    assertThat(breaker(name).windowFailures()).isEqualTo(2);

    // a success pushes out the oldest success: still 2 of 5
    succeed(guard);
    assertThat(breaker(name).windowFailures()).isEqualTo(2);
    assertThat(breaker(name).state()).isEqualTo("CLOSED");

    // window now F S F S S; a failure pushes out the oldest failure: still 2 of 5
    fail(guard, new IOException("c"));
    assertThat(breaker(name).windowFailures()).isEqualTo(2);
    assertThat(breaker(name).state()).isEqualTo("CLOSED");

    // window S F S S F; a failure pushes out a success: 3 of 5, opens
    fail(guard, new IOException("d"));
    assertThat(breaker(name).state()).isEqualTo("OPEN");
  }

  @Test
  void aRatioOfOneOpensOnlyWhenEveryOutcomeFailed() {
    String name = name("cb.ratio1");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(3).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done().build();
    succeed(guard);
    fail(guard, new IOException("1"));
    fail(guard, new IOException("2"));
    assertThat(breaker(name).state()).isEqualTo("CLOSED");
    fail(guard, new IOException("3"));
    assertThat(breaker(name).state()).isEqualTo("OPEN");
  }

  /**
   * failureRatio × requestVolumeThreshold is not exact in binary floating point: 0.07 × 100 is
   * 7.000000000000001, so a breaker comparing failures against that product would need 8 failures
   * of 100 to open at a ratio of 0.07. Exactly 7 of 100 is the ratio, and must open it.
   */
  @Test
  void aRatioThatIsNotExactInBinaryStillOpensAtExactlyThatShare() {
    for (double ratio : new double[] {0.07, 0.14, 0.28, 0.55, 0.56}) {
      String name = name("cb.ratioEdge");
      AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(100)
          .failureRatio(ratio).delay(Duration.ofHours(1)).done().build();
      int failures = (int) Math.round(ratio * 100);
      for (int i = 0; i < 100 - failures; i++) {
        succeed(guard);
      }
      for (int i = 0; i < failures - 1; i++) {
        fail(guard, new IOException("f"));
      }
      assertThat(breaker(name).state()).as("ratio %s, one failure short", ratio)
          .isEqualTo("CLOSED");
      fail(guard, new IOException("last"));
      assertThat(breaker(name).state()).as("%s failures of 100 at ratio %s", failures, ratio)
          .isEqualTo("OPEN");
    }
  }

  @Test
  void openRefusesWithoutInvokingTheBodyAndTheMessageNamesTheOperation() {
    String name = name("cb.refuses");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(2).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done().build();
    open(guard, 2);
    int before = bodies.get();

    List<CompletableFuture<String>> refused = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      refused.add(succeed(guard));
    }

    assertThat(bodies).hasValue(before);
    for (CompletableFuture<String> r : refused) {
      assertThat(failureOf(r)).isInstanceOf(CircuitBreakerOpenException.class)
          .hasMessageContaining(name).hasMessageContaining("OPEN");
    }
    CircuitBreakerStats stats = breaker(name);
    assertThat(stats.rejected()).isEqualTo(5);
    assertThat(stats.nextTrialInMillis()).isGreaterThan(0).isLessThanOrEqualTo(3_600_000.0);
    assertThat(Support.op(name).rejections()).isEqualTo(5);
    assertThat(Support.op(name).failures()).isEqualTo(7);
  }

  @Test
  void afterTheDelayTheReportSaysHalfOpenBeforeAnyAttemptAndNextTrialIsZero() {
    String name = name("cb.halfOpenReport");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofMillis(300)).done().build();
    assertThat(breaker(name).nextTrialInMillis()).isZero(); // CLOSED
    open(guard, 1);
    double left = breaker(name).nextTrialInMillis();
    assertThat(left).isGreaterThan(0).isLessThanOrEqualTo(300.0);
    int before = bodies.get();

    // no call is made: the report alone must turn to HALF_OPEN once the delay has passed
    await().atMost(BOUND).until(() -> Diagnostics.healthReport().toJson()
        .contains("{\"name\":\"" + name + "\",\"state\":\"HALF_OPEN\""));
    CircuitBreakerStats half = breaker(name);
    assertThat(half.state()).isEqualTo("HALF_OPEN");
    assertThat(half.nextTrialInMillis()).isZero();
    assertThat(half.windowCalls()).isZero();
    assertThat(bodies).hasValue(before);
  }

  @Test
  void halfOpenAdmitsExactlySuccessThresholdTrialsAndClosesWhenAllSucceed() {
    String name = name("cb.trials");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofMillis(1)).successThreshold(3).done().build();
    open(guard, 1);
    await().atMost(BOUND).until(() -> breaker(name).state().equals("HALF_OPEN"));
    int before = bodies.get();

    List<CompletableFuture<String>> pending = new ArrayList<>();
    List<CompletableFuture<String>> trials = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trials.add(hang(guard, pending));
    }
    CompletableFuture<String> fourth = hang(guard, pending);

    assertThat(bodies.get() - before).isEqualTo(3);
    assertThat(failureOf(fourth)).isInstanceOf(CircuitBreakerOpenException.class)
        .hasMessageContaining(name).hasMessageContaining("HALF_OPEN");

    // two trials succeed: still HALF_OPEN, and the freed places are not handed to new trials
    pending.get(0).complete("t0");
    pending.get(1).complete("t1");
    assertThat(breaker(name).state()).isEqualTo("HALF_OPEN");
    CompletableFuture<String> fifth = succeed(guard);
    assertThat(failureOf(fifth)).isInstanceOf(CircuitBreakerOpenException.class);
    assertThat(bodies.get() - before).isEqualTo(3);

    // the third succeeds: CLOSED, window empty
    pending.get(2).complete("t2");
    CircuitBreakerStats closed = breaker(name);
    assertThat(closed.state()).isEqualTo("CLOSED");
    assertThat(closed.windowCalls()).isZero();
    assertThat(closed.nextTrialInMillis()).isZero();
    assertThat(trials).allMatch(t -> !t.isCompletedExceptionally() && t.isDone());
    assertThat(succeed(guard)).isCompletedWithValue("ok");
    assertThat(breaker(name).windowCalls()).isEqualTo(1);
  }

  @Test
  void oneFailedTrialOpensAgainAndClearsTheWindow() {
    String name = name("cb.trialFails");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofMillis(1)).successThreshold(2).done().build();
    open(guard, 1);
    await().atMost(BOUND).until(() -> breaker(name).state().equals("HALF_OPEN"));
    List<CompletableFuture<String>> pending = new ArrayList<>();
    hang(guard, pending);
    hang(guard, pending);
    assertThat(pending).hasSize(2);

    pending.get(0).complete("fine");
    pending.get(1).completeExceptionally(new IOException("still down"));

    CircuitBreakerStats open = breaker(name);
    // the delay is 1 ms: the report may already have turned it HALF_OPEN again
    assertThat(open.state()).isIn("OPEN", "HALF_OPEN");
    assertThat(open.opened()).isEqualTo(2);
    assertThat(open.windowCalls()).isZero();
    assertThat(open.windowFailures()).isZero();
  }

  @Test
  void skipOnAndFailOnDecideWhatCountsAsAFailure() {
    String name = name("cb.classify");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(4).failureRatio(0.5)
        .delay(Duration.ofHours(1)).failOn(IOException.class).skipOn(FileNotFoundException.class)
        .done().build();

    fail(guard, new IllegalStateException("not in failOn: a success"));
    fail(guard, new FileNotFoundException("in skipOn: a success"));
    fail(guard, new IOException("a failure"));
    CircuitBreakerStats three = breaker(name);
    assertThat(three.windowCalls()).isEqualTo(3);
    assertThat(three.windowFailures()).isEqualTo(1);

    fail(guard, new java.net.SocketException("a subclass of IOException: a failure"));
    assertThat(breaker(name).state()).isEqualTo("OPEN");
  }

  @Test
  void aTimeoutCountsAsAFailure() {
    String name = name("cb.timeout");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done().withTimeout(Duration.ofMillis(50)).build();
    List<CompletableFuture<String>> pending = new ArrayList<>();
    CompletableFuture<String> call = hang(guard, pending);

    assertThat(failureOf(call)).isInstanceOf(AsyncTimeoutException.class);
    assertThat(breaker(name).state()).isEqualTo("OPEN");
    assertThat(breaker(name).opened()).isEqualTo(1);
    assertThat(pending.get(0)).isCancelled();
  }

  @Test
  void aTimeoutSkippedByTheBreakerIsASuccess() {
    String name = name("cb.timeoutSkipped");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofHours(1)).skipOn(AsyncTimeoutException.class).done()
        .withTimeout(Duration.ofMillis(50)).build();
    CompletableFuture<String> call = hang(guard, new ArrayList<>());
    assertThat(failureOf(call)).isInstanceOf(AsyncTimeoutException.class);
    await().atMost(BOUND).until(() -> breaker(name).windowCalls() == 1);
    assertThat(breaker(name).state()).isEqualTo("CLOSED");
    assertThat(breaker(name).windowFailures()).isZero();
  }

  @Test
  void aTrialCancelledByTheCallerGivesItsPermitBackAndCountsAsNeither() {
    String name = name("cb.trialCancelled");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofMillis(1)).successThreshold(1).done().build();
    open(guard, 1);
    await().atMost(BOUND).until(() -> breaker(name).state().equals("HALF_OPEN"));
    List<CompletableFuture<String>> pending = new ArrayList<>();
    CompletableFuture<String> trial = hang(guard, pending);
    assertThat(failureOf(succeed(guard))).isInstanceOf(CircuitBreakerOpenException.class);

    // When the caller cancels the trial
    assertThat(trial.cancel(true)).isTrue();

    // Then its body's future is cancelled, nothing is recorded, and another trial is admitted
    assertThat(pending.get(0)).isCancelled();
    CircuitBreakerStats after = breaker(name);
    assertThat(after.state()).isEqualTo("HALF_OPEN");
    assertThat(after.opened()).isEqualTo(1);
    CompletableFuture<String> next = hang(guard, pending);
    assertThat(pending).hasSize(2);
    pending.get(1).complete("fine");
    assertThat(next).isCompletedWithValue("fine");
    assertThat(breaker(name).state()).isEqualTo("CLOSED");
  }

  /**
   * The caller cancels a trial whose attempt waits for its runOn loop, and the loop runs that
   * attempt after the call was decided but before the cancel stopped what was in flight (here: a
   * stage attached to the caller's future runs inside {@code cancel}, before it returns, and lets
   * the loop go). The attempt must not run, and its trial place must come back; a lost place keeps
   * the breaker HALF_OPEN, refusing every call, for ever.
   */
  @Test
  void aTrialCancelledWhileWaitingForItsLoopGivesItsPermitBack() throws Exception {
    String name = name("cb.trialCancelledOnLoop");
    String loopName = name("cbloop");
    EventLoop loop = EventLoops.start(loopName);
    CountDownLatch release = new CountDownLatch(1);
    try {
      AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(1).failureRatio(1.0)
          .delay(Duration.ofMillis(1)).successThreshold(1).done().runOn(loopName).build();
      CompletableFuture<String> opening = fail(guard, new IOException("down"));
      assertThat(failureOf(opening)).isInstanceOf(IOException.class);
      await().atMost(BOUND).until(() -> breaker(name).state().equals("HALF_OPEN"));
      CountDownLatch held = new CountDownLatch(1);
      loop.execute(() -> {
        held.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      int before = bodies.get();
      CompletableFuture<String> trial = succeed(guard); // admitted; its attempt waits for the loop
      trial.whenComplete((v, e) -> {
        release.countDown();
        loop.submit(() -> CompletableFuture.completedFuture(null)).join(); // the loop ran it
      });

      assertThat(trial.cancel(true)).isTrue();

      assertThat(bodies).as("the cancelled trial's body never runs").hasValue(before);
      CompletableFuture<String> next = succeed(guard);
      await().atMost(BOUND).until(next::isDone);
      assertThat(next).as("another trial is admitted").isCompletedWithValue("ok");
      assertThat(breaker(name).state()).isEqualTo("CLOSED");
    } finally {
      release.countDown();
      loop.shutdown();
    }
  }

  @Test
  void anAttemptAdmittedWhileClosedThatEndsAfterTheBreakerOpenedChangesNothing() {
    String name = name("cb.stale");
    AsyncGuard<String> guard = breakerGuard(name).requestVolumeThreshold(2).failureRatio(1.0)
        .delay(Duration.ofMillis(200)).done().build();
    List<CompletableFuture<String>> pending = new ArrayList<>();
    CompletableFuture<String> early = hang(guard, pending); // admitted while CLOSED
    CompletableFuture<String> early2 = hang(guard, pending);
    open(guard, 2);

    pending.get(0).completeExceptionally(new IOException("late failure"));
    assertThat(failureOf(early)).isInstanceOf(IOException.class);
    CircuitBreakerStats open = breaker(name);
    assertThat(open.state()).isEqualTo("OPEN");
    assertThat(open.windowCalls()).isZero();
    assertThat(open.opened()).isEqualTo(1);

    // even once HALF_OPEN: an old attempt's outcome neither closes nor reopens it
    await().atMost(BOUND).until(() -> breaker(name).state().equals("HALF_OPEN"));
    pending.get(1).complete("late success");
    assertThat(early2).isCompletedWithValue("late success");
    CircuitBreakerStats half = breaker(name);
    assertThat(half.state()).isEqualTo("HALF_OPEN");
    assertThat(half.opened()).isEqualTo(1);
    // and its one trial place is still free
    CompletableFuture<String> trial = hang(guard, pending);
    assertThat(pending).hasSize(3);
    pending.get(2).complete("trial");
    assertThat(trial).isCompletedWithValue("trial");
    assertThat(breaker(name).state()).isEqualTo("CLOSED");
  }
}
