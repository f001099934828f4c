package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.internal.timer.TimerTask;
import dev.fftt.runtime.internal.timer.TimerWheel;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression: when {@code cancel()} won an entry that the wheel was expiring as its last linked
 * entry, the canceller pushed the entry onto the wheel's cancelled stack after the wheel had
 * checked that stack and parked with nothing linked; nothing woke it. The entry (and what it
 * holds: a whole guarded call) stayed on the stack and {@code handOverPending()} stayed true until
 * some later {@code schedule()} — indefinitely in a quiet application, and for the 10 s of a
 * test's wait (TimerWheelTest failed so once). Rare (a canceller preempted between its two steps),
 * so each round races six cancellers against the expiry at random moments and then requires the
 * wheel to come to rest with nothing else scheduled.
 */
class CancelRacingExpiryLeavesNoStrandedEntryTest {

  private static final int CANCELLERS = 6;

  private static final class Entry extends TimerTask {
    @Override
    protected void expire() {
    }
  }

  @Test
  void theWheelComesToRestAfterEveryRound() throws Exception {
    rounds(400);
  }

  @Test
  @Tag("stress")
  void theWheelComesToRestAfterEveryRoundAtScale() throws Exception {
    rounds(Integer.getInteger("fftt.stress.wakeupRounds", 4_000));
  }

  private static void rounds(int rounds) throws Exception {
    Entry[] entries = new Entry[CANCELLERS];
    long[] deadline = new long[1];
    CyclicBarrier start = new CyclicBarrier(CANCELLERS + 1);
    CyclicBarrier end = new CyclicBarrier(CANCELLERS + 1);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread[] cancellers = new Thread[CANCELLERS];
    for (int t = 0; t < CANCELLERS; t++) {
      int mine = t;
      cancellers[t] = new Thread(() -> {
        try {
          for (int r = 0; r < rounds; r++) {
            start.await(10, TimeUnit.SECONDS);
            long at = deadline[0] + ThreadLocalRandom.current().nextLong(6_000_000L);
            while (System.nanoTime() < at) {
              Thread.onSpinWait();
            }
            entries[mine].cancel();
            end.await(10, TimeUnit.SECONDS);
          }
        } catch (Throwable e) {
          failed.compareAndSet(null, e);
        }
      }, "expiry-race-canceller-" + t);
      cancellers[t].setDaemon(true);
      cancellers[t].start();
    }
    try {
      for (int r = 0; r < rounds; r++) {
        deadline[0] = System.nanoTime() + 1_000_000L;
        for (int t = 0; t < CANCELLERS; t++) {
          entries[t] = new Entry();
          TimerWheel.get().schedule(entries[t], deadline[0]);
        }
        start.await(10, TimeUnit.SECONDS);
        end.await(10, TimeUnit.SECONDS);
        try {
          Awaitility.await().pollInSameThread().pollInterval(Duration.ofMillis(1))
              .atMost(Duration.ofSeconds(1)).until(Quiescence::timerIdle);
        } catch (ConditionTimeoutException e) {
          throw new AssertionError("round " + r + ": the timer did not come to rest (pending="
              + TimerWheel.get().pending() + ", hand-over pending="
              + TimerWheel.get().handOverPending() + ")", e);
        }
      }
    } finally {
      for (Thread t : cancellers) {
        t.interrupt();
      }
    }
    assertThat(failed.get()).isNull();
  }
}
