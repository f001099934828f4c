package dev.fftt.jfr;

import static dev.fftt.jfr.testing.FfttRecording.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.testing.FfttRecording;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.internal.loop.BlockingCalls;
import example.blocking.UserCode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fftt.BlockingCall} in a real recording: one instant event per blocking call caught on a
 * loop's thread, written on that thread, with the stack trace. Without the agent, the test calls
 * the check's entry that a rewritten {@code Thread.sleep} call site makes.
 */
class BlockingCallEventTest {

  @BeforeAll
  static void startExporter() {
    assertThat(new JfrExporter().start()).isTrue();
  }

  @Test
  void eachBlockingCallOnALoopIsRecordedWithLoopCallSiteAndStack() throws Exception {
    String name = "jfr-blocking-loop";
    EventLoop loop = EventLoops.start(name);
    BlockingCalls.configure(BlockingCalls.WARN, List.of(), Set.of(), Set.of());
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(name)) {
      for (int i = 0; i < 2; i++) {
        loop.submit(() -> {
          UserCode.sleepy();
          return CompletableFuture.completedFuture(null);
        }).get(10, TimeUnit.SECONDS);
      }
      UserCode.sleepy(); // not on a loop: no event
      events = recording.stop();
    } finally {
      BlockingCalls.configure(BlockingCalls.OFF, List.of(), Set.of(), Set.of());
      loop.shutdown();
    }

    String site = "example.blocking.UserCode.sleepy(UserCode.java:17)";
    assertThat(lines(events)).hasSize(2)
        .allMatch(l -> l.equals("fftt.BlockingCall " + name + " Thread.sleep at " + site));
    RecordedEvent event = events.get(0);
    assertThat(event.getEventType().getCategoryNames()).containsExactly("FFTT Async");
    assertThat(event.getDuration()).isZero();
    assertThat(event.getThread().getJavaName()).isEqualTo("fftt-loop-" + name);
    assertThat(event.getStackTrace().getFrames()).extracting(RecordedFrame::getMethod)
        .anyMatch(m -> m.getName().equals("sleepy")
            && m.getType().getName().equals(UserCode.class.getName()));
  }
}
