package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: when the caller cancelled (or completed) its future while a retry's body was still
 * running, the guard claimed the attempt before it knew the attempt's future, so that future was
 * never cancelled (the work went on unwatched) — and an attempt that was about to start when the
 * call ended kept its timeout entry in the timer until the deadline.
 */
class CancelWhileTheBodyRunsCancelsTheAttemptTest {

  @Test
  void theFutureReturnedByARunningRetryIsCancelledAndNoTimerEntryIsLeft() throws Exception {
    // Given a call whose first attempt fails on another thread, so the retry's body runs there
    String name = "rel.cancelWhileBody";
    GuardPolicy policy = GuardPolicy.builder("Race.body").monitor(name)
        .timeout(Duration.ofMinutes(10), true).retry(RetrySpec.immediate(3)).build();
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    CountDownLatch inSecondBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> result = Guard.call(policy, () -> {
      if (attempts.incrementAndGet() == 1) {
        return first;
      }
      inSecondBody.countDown();
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      return second;
    });
    Thread failer = new Thread(() -> first.completeExceptionally(new IOException("again")), "failer");
    failer.start();
    assertThat(inSecondBody.await(10, TimeUnit.SECONDS)).isTrue();

    // When the caller cancels while the second body runs, and the body then returns its future
    assertThat(result.cancel(true)).isTrue();
    release.countDown();
    failer.join(10_000);

    // Then that future is cancelled, the call counted once as cancelled, and no timer is left
    assertThat(second).isCancelled();
    assertThatThrownBy(result::join).isInstanceOf(CancellationException.class);
    assertThat(attempts).hasValue(2);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.cancellations()).isEqualTo(1);
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void completingTheCallersFutureWhileTheBodyRunsAlsoStopsTheAttempt() throws Exception {
    String name = "rel.completeWhileBody";
    GuardPolicy policy = GuardPolicy.builder("Race.complete").monitor(name)
        .timeout(Duration.ofMinutes(10), true).retry(RetrySpec.immediate(3)).build();
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    CountDownLatch inSecondBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> result = Guard.call(policy, () -> {
      if (attempts.incrementAndGet() == 1) {
        return first;
      }
      inSecondBody.countDown();
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      return second;
    });
    Thread failer = new Thread(() -> first.completeExceptionally(new IOException("again")), "failer");
    failer.start();
    assertThat(inSecondBody.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(result.complete("from outside")).isTrue();
    release.countDown();
    failer.join(10_000);

    assertThat(second).isCancelled();
    assertThat(result.join()).isEqualTo("from outside");
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }
}
