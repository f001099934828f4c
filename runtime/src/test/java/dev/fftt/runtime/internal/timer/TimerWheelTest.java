package dev.fftt.runtime.internal.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class TimerWheelTest {

  private static final class Probe extends TimerTask {
    final long scheduledAt = System.nanoTime();
    final long delay;
    volatile long ranAt;
    volatile String thread;
    final AtomicInteger runs;

    Probe(long delay, AtomicInteger runs) {
      this.delay = delay;
      this.runs = runs;
    }

    @Override
    protected void expire() {
      ranAt = System.nanoTime();
      thread = Thread.currentThread().getName();
      runs.incrementAndGet();
    }
  }

  @Test
  void entriesNeverExpireEarlyAndRunOffTheTimerThread() {
    AtomicInteger runs = new AtomicInteger();
    ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 200; i++) {
      Probe p = new Probe((i % 20) * 3_000_000L, runs);
      probes.add(p);
      TimerWheel.get().schedule(p, p.scheduledAt + p.delay);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 200);
    for (Probe p : probes) {
      assertThat(p.ranAt - p.scheduledAt).isGreaterThanOrEqualTo(p.delay);
      assertThat(p.thread).startsWith("fftt-completion-");
    }
  }

  @Test
  void aMillionCancelledEntriesLeaveNothingPending() {
    AtomicInteger runs = new AtomicInteger();
    long far = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    Probe[] probes = new Probe[1_000_000];
    for (int i = 0; i < probes.length; i++) {
      probes[i] = new Probe(0, runs);
      TimerWheel.get().schedule(probes[i], far);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> TimerWheel.get().pending() >= 900_000
        || !TimerWheel.get().handOverPending());
    int claimed = 0;
    for (Probe p : probes) {
      if (p.cancel()) {
        claimed++;
      }
    }

    assertThat(claimed).isEqualTo(probes.length);
    await().atMost(Duration.ofSeconds(20)).until(() -> TimerWheel.get().pending() == 0
        && !TimerWheel.get().handOverPending());
    assertThat(runs).hasValue(0);
  }

  @Test
  void exactlyOneOfCancelAndExpiryWins() {
    AtomicInteger runs = new AtomicInteger();
    int n = 20_000;
    Probe[] probes = new Probe[n];
    long now = System.nanoTime();
    for (int i = 0; i < n; i++) {
      probes[i] = new Probe(0, runs);
      TimerWheel.get().schedule(probes[i], now + (i % 10) * 1_000_000L);
    }
    int cancelled = 0;
    for (Probe p : probes) {
      if (p.cancel()) {
        cancelled++;
      }
    }
    int expectedRuns = n - cancelled;
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == expectedRuns
        && TimerWheel.get().pending() == 0 && !TimerWheel.get().handOverPending());
    assertThat(runs.get() + cancelled).isEqualTo(n);
  }
}
