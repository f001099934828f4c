package dev.fftt.jfr;

import static dev.fftt.jfr.testing.FfttRecording.lines;
import static dev.fftt.jfr.testing.FfttRecording.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.jfr.testing.FfttRecording;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fftt.LoopStall} in a real recording (stall threshold: the default 250 ms). */
class LoopStallEventTest {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "jfr-loop" + IDS.incrementAndGet() + "-";

  @BeforeAll
  static void startExporter() {
    assertThat(new JfrExporter().start()).isTrue();
  }

  @Test
  void aStalledLoopIsRecordedWithItsNameAndTopFrames() throws Exception {
    String name = prefix + "stalled";
    EventLoop loop = EventLoops.start(name);
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When: the loop's thread waits on a latch for about 400 ms
      CountDownLatch release = new CountDownLatch(1);
      long blockedAt = System.nanoTime();
      loop.execute(() -> waitFor(release));
      await().atMost(BOUND).until(() -> stalledNow(name)
          && System.nanoTime() - blockedAt >= TimeUnit.MILLISECONDS.toNanos(400));
      release.countDown();
      // the event is written when the watchdog sees the stall end
      await().atMost(BOUND).until(() -> !ofType(recording.soFar(), JfrEventNames.LOOP_STALL)
          .isEmpty());
      events = recording.stop();
    } finally {
      loop.shutdown();
    }

    // Then
    assertThat(lines(events)).containsExactly("fftt.LoopStall " + name);
    RecordedEvent stall = events.get(0);
    assertThat(stall.getEventType().getCategoryNames()).containsExactly("FFTT Async");
    assertThat(stall.getDuration("stall")).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    // the event runs from when the stall was found (250 ms in) to its end
    assertThat(stall.getDuration()).isPositive().isLessThanOrEqualTo(stall.getDuration("stall"));
    assertThat(stall.getString("topFrames").lines().toList())
        .anyMatch(f -> f.contains("java.util.concurrent.CountDownLatch.await"))
        .anyMatch(f -> f.contains(LoopStallEventTest.class.getName() + ".waitFor"))
        .allMatch(f -> f.contains("("));
    assertThat(stall.getStackTrace()).isNull();
    assertThat(stall.getThread().getJavaName()).isEqualTo("fftt-watchdog");
  }

  private static void waitFor(CountDownLatch release) {
    try {
      release.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean stalledNow(String loop) {
    return Diagnostics.healthReport().loops().stream()
        .anyMatch(l -> l.name().equals(loop) && l.stalledNow());
  }
}
