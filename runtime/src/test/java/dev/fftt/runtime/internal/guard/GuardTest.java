package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.timer.TimerWheel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GuardTest {

  private static OperationStats stats(String name) {
    return Monitors.get(name).stats();
  }

  @Test
  void synchronousThrowBecomesTheFailureOfTheReturnedFuture() {
    GuardPolicy policy = GuardPolicy.builder("Op.throwing").monitor("guard.throwing").build();
    IllegalStateException boom = new IllegalStateException("boom");

    CompletableFuture<String> result = Guard.call(policy, () -> {
      throw boom;
    });

    assertThat(result).isCompletedExceptionally();
    assertThatThrownBy(result::join).hasCause(boom);
    assertThat(stats("guard.throwing").failures()).isEqualTo(1);
    assertThat(stats("guard.throwing").calls()).isEqualTo(1);
  }

  @Test
  void nullFromTheOperationBecomesANullPointerExceptionNamingIt() {
    GuardPolicy policy = GuardPolicy.builder("Op.nothing").build();

    CompletableFuture<String> result = Guard.call(policy, () -> null);

    assertThatThrownBy(result::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(NullPointerException.class).hasMessageContaining("Op.nothing");
  }

  @Test
  void anAlreadyCompletedFutureIsPassedThroughWithoutATimer() {
    GuardPolicy policy = GuardPolicy.builder("Op.done").monitor("guard.done")
        .timeout(Duration.ofSeconds(5), true).build();
    CompletableFuture<String> done = CompletableFuture.completedFuture("x");

    CompletableFuture<String> result = Guard.call(policy, () -> done);

    assertThat(result).isSameAs(done);
    assertThat(stats("guard.done").successes()).isEqualTo(1);
    assertThat(stats("guard.done").inFlight()).isZero();
  }

  @Test
  void aPendingFutureIsTimedOutWithTheOperationAndLimitInTheMessage() {
    GuardPolicy policy = GuardPolicy.builder("Op.slow").monitor("guard.slow")
        .timeout(Duration.ofMillis(50), true).build();
    CompletableFuture<String> never = new CompletableFuture<>();
    long start = System.nanoTime();

    CompletableFuture<String> result = Guard.call(policy, () -> never);

    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AsyncTimeoutException.class)
        .hasMessage("Op.slow timed out after 50 ms");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMillis).isBetween(45L, 2_000L);
    assertThat(never).isCancelled();
    OperationStats s = stats("guard.slow");
    assertThat(s.timeouts()).isEqualTo(1);
    assertThat(s.failures()).isZero();
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void cancelFalseLeavesTheUnderlyingFutureRunning() {
    GuardPolicy policy = GuardPolicy.builder("Op.keep").timeout(Duration.ofMillis(20), false).build();
    CompletableFuture<String> never = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> never);

    await().atMost(Duration.ofSeconds(5)).until(result::isDone);
    assertThat(never).isNotDone();
  }

  @Test
  void theTimeoutCompletesOnACompletionThreadNeverTheTimers() {
    GuardPolicy policy = GuardPolicy.builder("Op.where").timeout(Duration.ofMillis(20), true).build();
    AtomicReference<String> thread = new AtomicReference<>();

    CompletableFuture<Object> result = Guard.call(policy, CompletableFuture::new);
    result.whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));

    await().atMost(Duration.ofSeconds(5)).until(() -> thread.get() != null);
    assertThat(thread.get()).startsWith("fftt-completion-").isNotEqualTo("fftt-timer");
  }

  @Test
  void aValueInTimeCompletesTheCallersFutureAndCancelsTheTimer() {
    GuardPolicy policy = GuardPolicy.builder("Op.fast").monitor("guard.fast")
        .timeout(Duration.ofSeconds(30), true).build();
    CompletableFuture<String> pending = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> pending);
    assertThat(stats("guard.fast").inFlight()).isEqualTo(1);
    pending.complete("v");

    assertThat(result.join()).isEqualTo("v");
    OperationStats s = stats("guard.fast");
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> TimerWheel.get().pending() == 0
        && !TimerWheel.get().handOverPending());
  }

  @Test
  void aLateCompletionAfterTheTimeoutIsIgnoredAndCounted() {
    GuardPolicy policy = GuardPolicy.builder("Op.late").monitor("guard.late")
        .timeout(Duration.ofMillis(20), false).build();
    CompletableFuture<String> slow = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> slow);
    await().atMost(Duration.ofSeconds(5)).until(result::isDone);
    slow.complete("too late");

    assertThatThrownBy(result::join).cause().isInstanceOf(AsyncTimeoutException.class);
    assertThat(Monitors.get("guard.late").lateCompletions()).isEqualTo(1);
    OperationStats s = stats("guard.late");
    assertThat(s.timeouts()).isEqualTo(1);
    assertThat(s.successes()).isZero();
  }

  @Test
  void cancellingTheCallersFutureCancelsTheAttemptAndCountsACancellation() {
    GuardPolicy policy = GuardPolicy.builder("Op.cancel").monitor("guard.cancel")
        .timeout(Duration.ofSeconds(30), true).build();
    CompletableFuture<String> pending = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> pending);
    assertThat(result.cancel(true)).isTrue();

    assertThat(pending).isCancelled();
    assertThatThrownBy(result::join).isInstanceOf(CancellationException.class);
    OperationStats s = stats("guard.cancel");
    assertThat(s.cancellations()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    assertThat(s.calls()).isEqualTo(1);
  }

  @Test
  void completingTheCallersFutureFromOutsideEndsTheCallOnce() {
    GuardPolicy policy = GuardPolicy.builder("Op.outside").monitor("guard.outside").build();
    CompletableFuture<String> pending = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> pending);
    result.complete("mine");
    pending.complete("theirs");

    assertThat(result.join()).isEqualTo("mine");
    OperationStats s = stats("guard.outside");
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void dependentStagesArePlainFutures() {
    GuardPolicy policy = GuardPolicy.builder("Op.plain").build();
    CompletableFuture<String> pending = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> pending);
    CompletableFuture<Integer> dependent = result.thenApply(String::length);

    assertThat(dependent.getClass()).isEqualTo(CompletableFuture.class);
    pending.complete("abc");
    assertThat(dependent.join()).isEqualTo(3);
  }

  @Test
  void anUnknownRunOnLoopFailsWithIllegalStateExceptionNamingIt() {
    GuardPolicy policy = GuardPolicy.builder("Op.nowhere").runOn("no-such-loop").build();
    AtomicInteger bodies = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      bodies.incrementAndGet();
      return CompletableFuture.completedFuture("x");
    });

    assertThatThrownBy(result::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'no-such-loop'").hasMessageContaining("Op.nowhere");
    assertThat(bodies).hasValue(0);
  }
}
