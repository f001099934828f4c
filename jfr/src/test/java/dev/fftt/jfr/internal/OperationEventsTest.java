package dev.fftt.jfr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.JfrEventNames;
import dev.fftt.jfr.testing.FfttRecording;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.Rejection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What one operation's listener does per call, recorded or not. */
class OperationEventsTest {

  private final OperationEvents events = new OperationEvents("jfr-unit-op");

  @BeforeEach
  void eventsReadyAndNothingRecording() {
    assertThat(JfrListener.install()).isTrue();
    try (FfttRecording warm = FfttRecording.start("jfr-unit-warm")) {
      warm.stop(); // the Flight Recorder initialized and the event classes ready
    }
    assertThat(FlightRecorder.getFlightRecorder().getRecordings())
        .noneMatch(r -> r.getState() == RecordingState.RUNNING);
  }

  @Test
  void whileNothingRecordsACallGetsNoEventAndWritesNothing() {
    // Then: no event allocated for a call in flight; a zero-length call would not pass
    assertThat(events.began()).isNull();
    assertThat(CallEvent.PROBE.isEnabled()).isFalse();
    assertThat(CallEvent.PROBE.shouldCommit()).isFalse();
    assertThat(TimeoutEvent.PROBE.isEnabled()).isFalse();
    assertThat(RetryEvent.PROBE.isEnabled()).isFalse();
    assertThat(RejectedEvent.PROBE.isEnabled()).isFalse();
    assertThat(CircuitBreakerStateEvent.PROBE.isEnabled()).isFalse();
    assertThat(LoopStallEvent.PROBE.isEnabled()).isFalse();
  }

  @Test
  void aRecordingThatLeavesFfttCallOutGivesNoEventEither() {
    try (Recording others = new Recording()) {
      others.disable(JfrEventNames.CALL); // the others are on by default
      others.start();

      assertThat(events.began()).isNull();
      assertThat(RetryEvent.PROBE.isEnabled()).isTrue();
    }
  }

  @Test
  void whileCallsAreRecordedACallInFlightGetsABegunEvent() {
    List<RecordedEvent> recorded;
    try (FfttRecording recording = FfttRecording.start("jfr-unit-op",
        r -> r.enable(JfrEventNames.CALL).withThreshold(Duration.ZERO))) {
      Object token = events.began();
      assertThat(token).isInstanceOf(CallEvent.class);
      assertThat(CallEvent.PROBE.shouldCommit()).isTrue(); // threshold 0: zero-length passes

      events.ended(token, CallOutcome.FAILURE, 5_000_000, 2, true, new IOException("x"));
      events.ended(null, CallOutcome.TIMEOUT, 7_000_000, 0, false, null);
      events.retried(null, 3, null);
      events.timedOut(null, 1_000_000);
      events.rejected(null, Rejection.BULKHEAD);
      recorded = recording.stop();
    }

    assertThat(FfttRecording.lines(recorded)).containsExactlyInAnyOrder(
        "fftt.Call jfr-unit-op failure retries=2 fallback=true",
        "fftt.Call jfr-unit-op timeout retries=0 fallback=false",
        "fftt.Retry jfr-unit-op retry=3 cause=null",
        "fftt.Timeout jfr-unit-op timeout=1ms",
        "fftt.Rejected jfr-unit-op by=bulkhead");
    assertThat(FfttRecording.ofType(recorded, JfrEventNames.CALL))
        .extracting(e -> e.getDuration("elapsed").toMillis())
        .containsExactlyInAnyOrder(5L, 7L);
  }
}
