package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import dev.fftt.runtime.reliability.testing.RogueStages;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Regression: a {@code CompletionStage} whose {@code whenComplete} throws (a broken or closed
 * implementation) made {@code Guard.call} throw to its caller, breaking "a woven method never
 * throws", and left the call counted in flight forever with its timeout entry in the timer.
 */
class BrokenStageDoesNotEscapeTheGuardTest {

  @Test
  void theCallFailsWithWhatTheStageThrewAndIsCountedOnce() {
    String name = "rel.brokenStage";
    GuardPolicy policy = GuardPolicy.builder("Broken.stage").monitor(name)
        .timeout(Duration.ofMinutes(10), true).build();
    IllegalStateException broken = new IllegalStateException("stage closed");
    AtomicReference<CompletableFuture<String>> result = new AtomicReference<>();

    assertThatCode(() -> result.set(Guard.call(policy,
        () -> RogueStages.<String>throwingOnWhenComplete(broken)))).doesNotThrowAnyException();

    assertThatThrownBy(result.get()::join).hasCause(broken);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aRetriedAttemptWithABrokenStageIsRetriedLikeAnyFailure() {
    String name = "rel.brokenStage.retry";
    GuardPolicy policy = GuardPolicy.builder("Broken.retry").monitor(name)
        .retry(RetrySpec.immediate(2)).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> attempts.incrementAndGet() < 3
        ? RogueStages.throwingOnWhenComplete(new IllegalStateException("closed"))
        : CompletableFuture.completedFuture("third"));

    assertThat(result.join()).isEqualTo("third");
    assertThat(attempts).hasValue(3);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.inFlight()).isZero();
  }
}
