package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: when the executor behind a runOn loop rejected the attempt, the guard failed the
 * attempt without claiming its timeout entry. The entry stayed in the timer until its deadline
 * (minutes, with a long limit) holding the call, and when it fired it failed the attempt a second
 * time, which could start a second chain of retries beside the first.
 */
class RejectedRunOnLeavesNoTimerEntryTest {

  @Test
  void aRejectedAttemptFailsAtOnceAndLeavesNoTimerEntry() {
    // Given a loop whose executor rejects everything, and a long timeout
    EventLoop loop = EventLoops.register("rel-rejecting-timer", task -> {
      throw new RejectedExecutionException("queue full");
    }, t -> false);
    try {
      String name = "rel.rejected.timer";
      GuardPolicy policy = GuardPolicy.builder("Rejected.work").monitor(name)
          .runOn("rel-rejecting-timer").timeout(Duration.ofMinutes(10), true)
          .retry(RetrySpec.immediate(2)).build();
      AtomicInteger bodies = new AtomicInteger();

      // When a call is made
      CompletableFuture<String> result = Guard.call(policy, () -> {
        bodies.incrementAndGet();
        return CompletableFuture.completedFuture("ran");
      });

      // Then it fails with the last rejection (the two earlier ones suppressed), the body never
      // ran, and no timeout entry is left behind
      assertThatThrownBy(result::join).cause().isInstanceOf(RejectedExecutionException.class)
          .hasMessage("queue full")
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2)
              .allMatch(s -> s instanceof RejectedExecutionException));
      assertThat(bodies).hasValue(0);
      OperationStats s = Monitors.get(name).stats();
      assertThat(s.failures()).isEqualTo(1);
      assertThat(s.calls()).isEqualTo(1);
      assertThat(s.inFlight()).isZero();
      assertThat(s.retries()).isZero();
      Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
    } finally {
      loop.shutdown();
    }
  }
}
