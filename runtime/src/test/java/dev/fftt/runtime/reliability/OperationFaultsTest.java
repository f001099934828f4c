package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import dev.fftt.runtime.reliability.testing.RogueStages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Operations that misbehave — throw, return {@code null}, never complete, complete twice, complete
 * after their timeout — each end the call with the documented outcome, counted exactly once, with
 * nothing left in flight or in the timer.
 */
class OperationFaultsTest {

  private static OperationStats stats(String name) {
    return Monitors.get(name).stats();
  }

  private static void assertCountedOnce(String name) {
    OperationStats s = stats(name);
    assertThat(s.calls()).as("calls").isEqualTo(1);
    assertThat(s.inFlight()).as("inFlight").isZero();
    assertThat(s.successes() + s.failures() + s.timeouts() + s.cancellations()).isEqualTo(1);
  }

  @Test
  void aThrowingOperationFailsTheCallWithThatExceptionCountedOnce() {
    String name = "rel.fault.throws";
    GuardPolicy policy = GuardPolicy.builder("Fault.throws").monitor(name)
        .timeout(Duration.ofMinutes(10), true).build();
    IllegalStateException boom = new IllegalStateException("boom");

    CompletableFuture<String> result = Guard.call(policy, () -> {
      throw boom;
    });

    assertThatThrownBy(result::join).hasCause(boom);
    assertThat(stats(name).failures()).isEqualTo(1);
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aThrowingOperationUnderRetryFailsWithTheLastThrowAndTheEarlierOnesSuppressed() {
    String name = "rel.fault.throws.retry";
    GuardPolicy policy = GuardPolicy.builder("Fault.throwsRetry").monitor(name)
        .timeout(Duration.ofMinutes(10), true).retry(RetrySpec.immediate(2)).build();
    List<IOException> thrown = new CopyOnWriteArrayList<>();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      IOException e = new IOException("attempt " + (thrown.size() + 1));
      thrown.add(e);
      throw e;
    });

    assertThatThrownBy(result::join).cause().isSameAs(thrown.get(2))
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(thrown.get(0), thrown.get(1)));
    assertThat(stats(name).retries()).isEqualTo(2);
    assertThat(stats(name).failures()).isEqualTo(1);
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aNullFromTheOperationFailsWithANullPointerExceptionNamingIt() {
    String name = "rel.fault.null";
    GuardPolicy policy = GuardPolicy.builder("Fault.returnsNull").monitor(name)
        .timeout(Duration.ofMinutes(10), true).build();

    CompletableFuture<String> result = Guard.call(policy, () -> null);

    assertThatThrownBy(result::join).cause().isInstanceOf(NullPointerException.class)
        .hasMessageContaining("Fault.returnsNull");
    assertThat(stats(name).failures()).isEqualTo(1);
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aNeverCompletingOperationTimesOutOnACompletionThreadAndIsCancelled() {
    String name = "rel.fault.never";
    GuardPolicy policy = GuardPolicy.builder("Fault.never").monitor(name)
        .timeout(Duration.ofMillis(30), true).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();
    AtomicReference<String> completedOn = new AtomicReference<>();

    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    result.whenComplete((v, e) -> completedOn.set(Thread.currentThread().getName()));
    await().atMost(Duration.ofSeconds(5)).until(() -> completedOn.get() != null);

    assertThatThrownBy(result::join).cause().isInstanceOf(AsyncTimeoutException.class)
        .hasMessage("Fault.never timed out after 30 ms");
    assertThat(completedOn.get()).startsWith("fftt-completion-");
    assertThat(attempt).isCancelled();
    assertThat(stats(name).timeouts()).isEqualTo(1);
    assertThat(Monitors.get(name).lateCompletions()).isZero();
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aNeverCompletingOperationWithoutATimeoutStaysInFlightUntilTheCallerCancels() {
    String name = "rel.fault.never.untimed";
    GuardPolicy policy = GuardPolicy.builder("Fault.neverUntimed").monitor(name).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    assertThat(stats(name).inFlight()).isEqualTo(1);
    assertThat(stats(name).calls()).isEqualTo(1);
    result.cancel(true);

    assertThat(attempt).isCancelled();
    assertThatThrownBy(result::join).isInstanceOf(CancellationException.class);
    assertThat(stats(name).cancellations()).isEqualTo(1);
    assertCountedOnce(name);
  }

  @Test
  void aStageThatCallsBackTwiceIsCountedOnceAndKeepsTheFirstOutcome() {
    String name = "rel.fault.twice";
    GuardPolicy policy = GuardPolicy.builder("Fault.twice").monitor(name)
        .timeout(Duration.ofMinutes(10), true).build();
    RogueStages.Repeating<String> stage = RogueStages.repeating();

    CompletableFuture<String> result = Guard.call(policy, stage::stage);
    AtomicInteger callbacks = new AtomicInteger();
    result.whenComplete((v, e) -> callbacks.incrementAndGet());
    stage.fire("first", null);
    stage.fire(null, new IOException("second"));
    stage.fire("third", null);

    assertThat(stage.callbacks()).isEqualTo(1);
    assertThat(result.join()).isEqualTo("first");
    assertThat(callbacks).hasValue(1);
    assertThat(stats(name).successes()).isEqualTo(1);
    assertThat(stats(name).failures()).isZero();
    assertThat(Monitors.get(name).lateCompletions()).isZero();
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aStageThatCallsBackTwiceAfterItsTimeoutIsOneTimeoutAndOneLateCompletion() {
    String name = "rel.fault.twice.late";
    GuardPolicy policy = GuardPolicy.builder("Fault.twiceLate").monitor(name)
        .timeout(Duration.ofMillis(20), true).build();
    RogueStages.Repeating<String> stage = RogueStages.repeating();

    CompletableFuture<String> result = Guard.call(policy, stage::stage);
    await().atMost(Duration.ofSeconds(5)).until(result::isDone);
    stage.fire("late", null);
    stage.fire("later", null);

    assertThatThrownBy(result::join).cause().isInstanceOf(AsyncTimeoutException.class);
    assertThat(stats(name).timeouts()).isEqualTo(1);
    assertThat(Monitors.get(name).lateCompletions()).isEqualTo(1);
    assertCountedOnce(name);
  }

  @Test
  void aCompletableFutureCompletedTwiceIsANoOpForTheCall() {
    String name = "rel.fault.twice.cf";
    GuardPolicy policy = GuardPolicy.builder("Fault.twiceCf").monitor(name)
        .timeout(Duration.ofMinutes(10), true).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    assertThat(attempt.complete("first")).isTrue();
    assertThat(attempt.complete("second")).isFalse();
    assertThat(attempt.completeExceptionally(new IOException("third"))).isFalse();

    assertThat(result.join()).isEqualTo("first");
    assertThat(stats(name).successes()).isEqualTo(1);
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aResultAfterTheTimeoutIsIgnoredCountedLateAndNamedInTheHealthReport() {
    String name = "rel.fault.late";
    GuardPolicy policy = GuardPolicy.builder("Fault.late").monitor(name)
        .timeout(Duration.ofMillis(20), false).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    await().atMost(Duration.ofSeconds(5)).until(result::isDone);
    attempt.complete("too late");

    assertThatThrownBy(result::join).cause().isInstanceOf(AsyncTimeoutException.class);
    assertThat(stats(name).timeouts()).isEqualTo(1);
    assertThat(stats(name).successes()).isZero();
    assertThat(Monitors.get(name).lateCompletions()).isEqualTo(1);
    assertThat(Diagnostics.healthReport().issues())
        .anyMatch(i -> i.contains("'" + name + "'") && i.contains("after their timeout"));
    assertCountedOnce(name);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }
}
