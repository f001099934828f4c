package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An event loop shut down while other threads hand it tasks: every {@code execute} either runs
 * its task or throws {@link RejectedExecutionException} — no task is accepted and then dropped
 * (which would leave a {@code submit} future, or a caller's future waiting for the hop back to its
 * loop, never completed).
 */
class LoopShutdownRacesExecuteTest {

  @Test
  void everyTaskHandedToAShuttingDownLoopRunsOrIsRejected() throws Exception {
    race(300);
  }

  @Test
  @Tag("stress")
  void everyTaskHandedToAShuttingDownLoopRunsOrIsRejectedAtScale() throws Exception {
    race(Integer.getInteger("fftt.stress.shutdownRounds", 5_000));
  }

  private static void race(int rounds) throws Exception {
    AtomicLong accepted = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong ran = new AtomicLong();
    for (int r = 0; r < rounds; r++) {
      EventLoop loop = EventLoops.start("rel-shutdown-race");
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger submitters = new AtomicInteger(2);
      Thread[] threads = new Thread[2];
      for (int t = 0; t < 2; t++) {
        threads[t] = new Thread(() -> {
          try {
            go.await();
            for (int i = 0; i < 200; i++) {
              try {
                loop.execute(ran::incrementAndGet);
                accepted.incrementAndGet();
              } catch (RejectedExecutionException e) {
                rejected.incrementAndGet();
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            submitters.decrementAndGet();
          }
        });
        threads[t].start();
      }
      go.countDown();
      for (int spin = ThreadLocalRandom.current().nextInt(20_000); spin > 0; spin--) {
        Thread.onSpinWait();
      }
      loop.shutdown();
      for (Thread t : threads) {
        t.join(10_000);
      }
      long expected = accepted.get();
      int round = r;
      await("round " + round + ": accepted tasks to run").pollInSameThread()
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5))
          .until(() -> ran.get() == expected);
    }
    System.out.printf("FFTT loop shutdown races: %d rounds, %d tasks accepted and run, %d rejected%n",
        rounds, accepted.get(), rejected.get());
    assertThat(ran.get()).isEqualTo(accepted.get());
  }
}
