package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Regression: with {@code cancel = true} the guard cancels a timed-out attempt, and that
 * cancellation reached the attempt's own callback, which counted it as "completed after its
 * timeout". Every ordinary timeout then showed up as a late completion and the health report
 * claimed the work outlived its limit.
 */
class CancelOnTimeoutIsNotALateCompletionTest {

  @Test
  void aTimeoutThatCancelsTheAttemptCountsNoLateCompletion() {
    // Given an operation that never completes, under a timeout that cancels it
    String name = "rel.cancelOnTimeout";
    GuardPolicy policy = GuardPolicy.builder("Late.never").monitor(name)
        .timeout(Duration.ofMillis(20), true).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();

    // When it times out
    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    await().atMost(Duration.ofSeconds(5)).until(result::isDone);

    // Then the attempt was cancelled, which is no late completion, and no issue is raised
    assertThat(attempt).isCancelled();
    assertThat(Monitors.get(name).stats().timeouts()).isEqualTo(1);
    assertThat(Monitors.get(name).lateCompletions()).isZero();
    assertThat(Diagnostics.healthReport().issues()).noneMatch(i -> i.contains("'" + name + "'")
        && i.contains("after their timeout"));
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aResultThatArrivesAfterTheTimeoutIsStillCountedLate() {
    String name = "rel.cancelOnTimeout.kept";
    GuardPolicy policy = GuardPolicy.builder("Late.kept").monitor(name)
        .timeout(Duration.ofMillis(20), false).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();

    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    await().atMost(Duration.ofSeconds(5)).until(result::isDone);
    attempt.complete("too late");

    assertThat(Monitors.get(name).lateCompletions()).isEqualTo(1);
  }
}
