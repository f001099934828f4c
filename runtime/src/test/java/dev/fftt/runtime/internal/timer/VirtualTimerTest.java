package dev.fftt.runtime.internal.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.internal.util.Jitter;
import dev.fftt.runtime.internal.util.Ticks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The time seam: the real path when nothing is installed, and the virtual timer the test kit drives. */
@Isolated // installs a process-wide clock: no other test may run meanwhile
class VirtualTimerTest {

  private VirtualTimer timer;

  @AfterEach
  void uninstall() {
    if (timer != null) {
      timer.close();
    }
    Jitter.use(null);
  }

  /** Records when (on the virtual clock) and on which thread it expired. */
  private static final class Probe extends TimerTask {
    final String name;
    final List<String> log;
    final AtomicInteger discards = new AtomicInteger();

    Probe(String name, List<String> log) {
      this.name = name;
      this.log = log;
    }

    @Override
    protected void expire() {
      log.add(name + "@" + Ticks.nanoTime() + " on " + Thread.currentThread().getName());
    }

    @Override
    protected void discarded() {
      discards.incrementAndGet();
    }
  }

  @Test
  void withNothingInstalledTheRealClockTimerAndPoolAreUsed() {
    long before = System.nanoTime();
    long now = Ticks.nanoTime();
    long after = System.nanoTime();
    assertThat(now).isBetween(before, after);
    assertThat(Ticks.isVirtual()).isFalse();
    assertThat(Timers.virtual()).isNull();
    assertThat(Completions.executor()).isSameAs(Completions.pool());
    for (int i = 0; i < 3; i++) {
      assertThat(Jitter.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
    }
  }

  @Test
  void entriesExpireOnTheDrivingThreadInDeadlineOrderAtTheirDeadlinesNotANanosecondBefore() {
    timer = new VirtualTimer(1_000);
    timer.install();
    List<String> log = new ArrayList<>();
    String me = Thread.currentThread().getName();
    Timers.schedule(new Probe("c", log), 1_300);
    Timers.schedule(new Probe("a", log), 1_100);
    Timers.schedule(new Probe("b1", log), 1_200);
    Timers.schedule(new Probe("b2", log), 1_200); // a tie: scheduling order
    Probe cancelled = new Probe("x", log);
    Timers.schedule(cancelled, 1_150);
    assertThat(cancelled.cancel()).isTrue();

    assertThat(timer.pendingTimers()).isEqualTo(4);
    assertThat(timer.nextDeadline()).hasValue(1_100);
    assertThat(timer.advanceTo(1_099)).isZero();
    assertThat(log).isEmpty();
    assertThat(Ticks.nanoTime()).isEqualTo(1_099);

    assertThat(timer.advanceTo(1_250)).isEqualTo(3);
    assertThat(log).containsExactly("a@1100 on " + me, "b1@1200 on " + me, "b2@1200 on " + me);
    assertThat(Ticks.nanoTime()).isEqualTo(1_250);
    assertThat(timer.pendingTimers()).isEqualTo(1);
    assertThatThrownBy(() -> timer.advanceTo(1_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot go back");
  }

  @Test
  void handOffsToTheCompletionPoolRunOnTheDrivingThreadWhenItAdvances() {
    timer = new VirtualTimer(0);
    timer.install();
    List<String> log = new ArrayList<>();
    Completions.executor().execute(() -> log.add("handed off on " + Thread.currentThread().getName()));
    assertThat(log).isEmpty();
    assertThat(timer.queuedTasks()).isEqualTo(1);
    timer.advanceTo(0);
    assertThat(log).containsExactly("handed off on " + Thread.currentThread().getName());
  }

  @Test
  void closeDiscardsWhatIsPendingAndRestoresTheRealTime() {
    timer = new VirtualTimer(0);
    timer.install();
    List<String> log = new ArrayList<>();
    Probe pending = new Probe("p", log);
    Timers.schedule(pending, 5);
    Probe cancelled = new Probe("c", log);
    Timers.schedule(cancelled, 5);
    cancelled.cancel();
    assertThatThrownBy(() -> new VirtualTimer(0).install()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("installed already");

    assertThat(timer.close()).isEqualTo(1);
    assertThat(pending.discards).hasValue(1);
    assertThat(cancelled.discards).hasValue(0);
    assertThat(pending.isClaimed()).isTrue();
    assertThat(log).isEmpty();
    assertThat(Ticks.isVirtual()).isFalse();
    assertThat(Timers.virtual()).isNull();
    assertThat(Completions.executor()).isSameAs(Completions.pool());
  }

  @Test
  void aSeededJitterDrawsTheSameValuesEveryTime() {
    Jitter.use(new Random(42));
    double[] first = {Jitter.nextDouble(), Jitter.nextDouble()};
    Jitter.use(new Random(42));
    double[] second = {Jitter.nextDouble(), Jitter.nextDouble()};
    Random reference = new Random(42);
    assertThat(first).containsExactly(second);
    assertThat(first).containsExactly(reference.nextDouble(), reference.nextDouble());
  }
}
