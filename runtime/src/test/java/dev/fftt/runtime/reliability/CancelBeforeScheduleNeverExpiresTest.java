package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.internal.timer.TimerTask;
import dev.fftt.runtime.internal.timer.TimerWheel;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@code TimerWheel.schedule} overwrote the state of a task that had already been
 * claimed by {@code cancel()}, so the cancelled task was queued and expired anyway — two winners
 * where the timer promises exactly one. The guard publishes an attempt's watch before scheduling
 * it, so a caller's cancel racing with a retry's start hit this: the cancelled timeout stayed in
 * the timer until its deadline and then ran.
 */
class CancelBeforeScheduleNeverExpiresTest {

  @Test
  void aTaskCancelledBeforeItIsScheduledNeverRunsAndIsNotKept() {
    AtomicInteger runs = new AtomicInteger();
    TimerTask soon = new TimerTask() {
      @Override
      protected void expire() {
        runs.incrementAndGet();
      }
    };
    TimerTask later = new TimerTask() {
      @Override
      protected void expire() {
        runs.incrementAndGet();
      }
    };
    assertThat(soon.cancel()).isTrue();
    assertThat(later.cancel()).isTrue();

    TimerWheel.get().schedule(soon, System.nanoTime());
    TimerWheel.get().schedule(later, System.nanoTime() + Duration.ofMinutes(10).toNanos());

    // A marker scheduled after both expires only after the wheel has handled both.
    AtomicInteger markerRuns = new AtomicInteger();
    TimerTask marker = new TimerTask() {
      @Override
      protected void expire() {
        markerRuns.incrementAndGet();
      }
    };
    TimerWheel.get().schedule(marker, System.nanoTime() + Duration.ofMillis(20).toNanos());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> markerRuns.get() == 1);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
    assertThat(runs).hasValue(0);
    assertThat(soon.isExpired()).isFalse();
    assertThat(later.isExpired()).isFalse();
  }
}
