package dev.fftt.micrometer;

import static dev.fftt.micrometer.MeterReads.counter;
import static dev.fftt.micrometer.MeterReads.gauge;
import static dev.fftt.micrometer.MeterReads.idsTagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.LoopStats;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import dev.fftt.runtime.internal.loop.BlockingCalls;
import example.blocking.UserCode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A loop's backlog, stalls and blocking calls are the meters {@code fftt.loop.pending},
 * {@code fftt.loop.stalls} and {@code fftt.loop.blocking.calls}.
 */
class LoopMetersTest {

  @Test
  void aStalledLoopsBacklogAndStallsAreWhatDiagnosticsReports() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String name = "loop-meters";
    EventLoop loop = EventLoops.start(name);
    CountDownLatch release = new CountDownLatch(1);
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry);
      Tag tag = Tag.of("loop", name);
      assertThat(idsTagged(registry, "loop", name)).containsExactly(
          "fftt.loop.blocking.calls{loop=" + name + "}", "fftt.loop.pending{loop=" + name + "}",
          "fftt.loop.stalls{loop=" + name + "}");
      assertThat(counter(registry, FfttMeterNames.LOOP_STALLS, tag)).isZero();

      loop.execute(() -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 5; i++) {
        loop.execute(() -> { });
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Diagnostics.loop(name).orElseThrow().stalledNow());

      // stalled: nothing runs, so the backlog and the stall count hold still while read
      LoopStats stats = Diagnostics.loop(name).orElseThrow();
      assertThat(gauge(registry, FfttMeterNames.LOOP_PENDING, tag)).isEqualTo(stats.pending())
          .isGreaterThanOrEqualTo(5);
      assertThat(counter(registry, FfttMeterNames.LOOP_STALLS, tag)).isEqualTo(stats.stalls())
          .isEqualTo(1);

      release.countDown();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> gauge(registry, FfttMeterNames.LOOP_PENDING, tag) == 0);
      loop.shutdown();
      await().atMost(Duration.ofSeconds(10)).until(() -> Diagnostics.loop(name).isEmpty());
      // gone: no backlog value, and the stall count stays where it was
      assertThat(gauge(registry, FfttMeterNames.LOOP_PENDING, tag)).isNaN();
      assertThat(counter(registry, FfttMeterNames.LOOP_STALLS, tag)).isEqualTo(1);
    } finally {
      release.countDown();
      loop.shutdown();
    }
  }

  @Test
  void theBlockingCallsCaughtOnALoopAreItsBlockingCallsCounter() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String name = "loop-blocking-meter";
    EventLoop loop = EventLoops.start(name);
    // What the agent's check does on blocking=warn (here without the agent: the entry that a
    // rewritten Thread.sleep call site makes, called on the loop's thread).
    BlockingCalls.configure(BlockingCalls.WARN, List.of(), Set.of(), Set.of());
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry);
      Tag tag = Tag.of("loop", name);
      assertThat(counter(registry, FfttMeterNames.LOOP_BLOCKING_CALLS, tag)).isZero();
      for (int i = 0; i < 3; i++) {
        loop.submit(() -> {
          UserCode.sleepy();
          return CompletableFuture.completedFuture(null);
        }).get(10, TimeUnit.SECONDS);
      }
      UserCode.sleepy(); // not on a loop: not counted

      assertThat(Diagnostics.loop(name).orElseThrow().blockingCalls()).isEqualTo(3);
      assertThat(counter(registry, FfttMeterNames.LOOP_BLOCKING_CALLS, tag)).isEqualTo(3);
    } finally {
      BlockingCalls.configure(BlockingCalls.OFF, List.of(), Set.of(), Set.of());
      loop.shutdown();
    }
  }
}
