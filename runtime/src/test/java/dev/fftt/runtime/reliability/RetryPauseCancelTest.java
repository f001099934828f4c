package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.timer.TimerWheel;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A caller that cancels while a retry waits out its pause: no further attempt, the call counted
 * once as cancelled, and the pause's timer entry gone at once (not at its deadline), so the pause
 * can never fire.
 */
class RetryPauseCancelTest {

  private static GuardPolicy policy(String name) {
    return GuardPolicy.builder("Pause." + name).monitor(name).timeout(Duration.ofMinutes(10), true)
        .retry(new RetrySpec(5, Duration.ofSeconds(20).toNanos(), 1.0, 0, 0, 0,
            List.of(Exception.class), List.of())).build();
  }

  @Test
  void cancellingInTheFirstPauseStopsTheAttemptsAndLeavesNoTimerEntry() {
    String name = "rel.pause.first";
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy(name), () -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(new IOException("down"));
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> TimerWheel.get().pending() >= 1);
    assertThat(result.cancel(true)).isTrue();

    assertThatThrownBy(result::join).isInstanceOf(CancellationException.class);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
    assertThat(attempts).hasValue(1);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.cancellations()).isEqualTo(1);
    assertThat(s.retries()).isZero();
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void cancellingInALaterPauseKeepsTheRetriesAlreadyMade() {
    String name = "rel.pause.later";
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> firstAttempt = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(GuardPolicy.builder("Pause.later").monitor(name)
        .retry(new RetrySpec(5, 1_000_000L, 20_000.0, 0, 0, 0, List.of(Exception.class), List.of()))
        .build(), () -> attempts.incrementAndGet() == 1 ? firstAttempt
            : CompletableFuture.failedFuture(new IOException("still down")));
    firstAttempt.completeExceptionally(new IOException("down")); // 1 ms pause, then 20 s
    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 2);
    assertThat(result.cancel(false)).isTrue();

    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
    assertThat(attempts).hasValue(2);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.cancellations()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }
}
