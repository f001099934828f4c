package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.internal.timer.TimerTask;
import dev.fftt.runtime.internal.timer.TimerWheel;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The timer under contention: two threads schedule entries (most due within 3 ms, one in ten due
 * in 10 minutes) while two others cancel them at random moments — before they are scheduled,
 * while queued, while linked, as they expire, after. For every entry exactly one of cancel and
 * expiry wins (a second cancel loses), an expiry never comes before its deadline and runs on a
 * completion thread, and nothing is left in the timer afterwards. 200,000 entries in the normal
 * run; {@code -Dfftt.stress.timerTasks} (default 3,000,000) in the stress group.
 */
class TimerRacesTest {

  private static final long FAR = Duration.ofMinutes(10).toNanos();

  private static final class Entry extends TimerTask {
    volatile long deadline;
    volatile long ranAt;
    volatile boolean onCompletionThread;
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger cancelWins = new AtomicInteger();
    final boolean far;

    Entry(boolean far) {
      this.far = far;
    }

    @Override
    protected void expire() {
      ranAt = System.nanoTime();
      onCompletionThread = Thread.currentThread().getName().startsWith("fftt-completion-");
      runs.incrementAndGet();
    }

    void tryCancel() {
      if (cancel()) {
        cancelWins.incrementAndGet();
      }
    }
  }

  @Test
  void scheduleCancelAndExpiryRaceWithExactlyOneWinner() throws Exception {
    race(200_000);
  }

  @Test
  @Tag("stress")
  void scheduleCancelAndExpiryRaceWithExactlyOneWinnerAtScale() throws Exception {
    race(Integer.getInteger("fftt.stress.timerTasks", 3_000_000));
  }

  private static void race(int n) throws Exception {
    Entry[] entries = new Entry[n];
    for (int i = 0; i < n; i++) {
      entries[i] = new Entry(i % 10 == 0);
    }
    AtomicInteger scheduled = new AtomicInteger();
    AtomicLong cancelledFirst = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      int first = s;
      threads.add(new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = first; i < n; i += 2) {
          Entry e = entries[i];
          long deadline = System.nanoTime() + (e.far ? FAR : random.nextLong(3_000_000L));
          e.deadline = deadline;
          TimerWheel.get().schedule(e, deadline);
          scheduled.incrementAndGet();
        }
      }, "timer-race-scheduler-" + s));
    }
    for (int c = 0; c < 2; c++) {
      threads.add(new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
          // trail the schedulers by a random distance, now and then run ahead of them
          int target = Math.min(n - 1, Math.max(0, scheduled.get() + random.nextInt(-200, 50)));
          Entry e = entries[target];
          boolean wasNew = e.deadline == 0;
          if (e.far || random.nextBoolean()) {
            int before = e.cancelWins.get();
            e.tryCancel();
            if (wasNew && e.cancelWins.get() > before) {
              cancelledFirst.incrementAndGet();
            }
          }
        }
      }, "timer-race-canceller-" + c));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(120_000);
    }
    // far entries the cancellers did not reach are cancelled now; near ones are left to expire
    for (Entry e : entries) {
      if (e.far) {
        e.tryCancel();
      }
    }

    await("every entry to be cancelled or expired").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> countDecided(entries) == n);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(10));

    long runs = 0;
    long cancels = 0;
    for (int i = 0; i < n; i++) {
      Entry e = entries[i];
      assertThat(e.runs.get() + e.cancelWins.get()).as("winners of entry %d", i).isEqualTo(1);
      if (e.runs.get() == 1) {
        assertThat(e.far).as("a far entry expired").isFalse();
        assertThat(e.ranAt).as("entry %d expired early", i).isGreaterThanOrEqualTo(e.deadline);
        assertThat(e.onCompletionThread).isTrue();
        assertThat(e.cancel()).as("cancel after expiry").isFalse();
        runs++;
      } else {
        cancels++;
      }
    }
    System.out.printf("FFTT timer races: %d entries, %d expired, %d cancelled (%d of them before"
        + " they were scheduled), 0 with two winners, 0 early; pending after: %d%n", n, runs,
        cancels, cancelledFirst.get(), TimerWheel.get().pending());
    assertThat(runs).isPositive();
    assertThat(cancels).isPositive();
  }

  private static long countDecided(Entry[] entries) {
    long decided = 0;
    for (Entry e : entries) {
      if (e.runs.get() + e.cancelWins.get() > 0) {
        decided++;
      }
    }
    return decided;
  }
}
