package dev.fftt.jfr;

import static dev.fftt.jfr.testing.FfttRecording.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.jfr.testing.FfttRecording;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.Diagnostics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code fftt.CircuitBreakerState} and {@code fftt.Rejected} in a real recording. */
class ResilienceEventsTest {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "jfr-resilience" + IDS.incrementAndGet() + "-";

  @BeforeAll
  static void startExporter() {
    assertThat(new JfrExporter().start()).isTrue();
  }

  @Test
  void aBreakersTransitionsAndRefusalsAreRecorded() {
    String op = prefix + "breaker";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5)
        .delay(Duration.ofMillis(200)).done()
        .build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When: two failures open it, a call is refused, after the delay a trial closes it
      guard.call(() -> CompletableFuture.failedFuture(new IOException("1")));
      guard.call(() -> CompletableFuture.failedFuture(new IOException("2")));
      assertThat(guard.call(() -> CompletableFuture.completedFuture("refused")))
          .failsWithin(BOUND).withThrowableThat().withCauseInstanceOf(CircuitBreakerOpenException.class);
      await().atMost(BOUND).until(() -> "HALF_OPEN".equals(
          Diagnostics.circuitBreaker(op).orElseThrow().state()));
      assertThat(guard.call(() -> CompletableFuture.completedFuture("trial")).join())
          .isEqualTo("trial");
      events = recording.stop();
    }

    // Then (fftt.Call left out: whether a call ended at once passes 20 ms is up to the machine)
    assertThat(lines(withoutCalls(events))).containsExactly(
        "fftt.CircuitBreakerState " + op + " CLOSED -> OPEN",
        "fftt.Rejected " + op + " by=circuitbreaker",
        "fftt.CircuitBreakerState " + op + " OPEN -> HALF_OPEN",
        "fftt.CircuitBreakerState " + op + " HALF_OPEN -> CLOSED");
    assertThat(withoutCalls(events)).allSatisfy(e -> {
      assertThat(e.getEventType().getCategoryNames()).containsExactly("FFTT Async");
      assertThat(e.getDuration()).isZero();
      assertThat(e.getStackTrace()).isNull();
    });
  }

  @Test
  void aFullBulkheadsRefusalIsRecorded() {
    String op = prefix + "bulkhead";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withBulkhead().limit(1).queueSize(0).done().build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When: the one permit is held, so the second call is refused
      CompletableFuture<String> first = new CompletableFuture<>();
      CompletableFuture<String> holding = guard.call(() -> first);
      assertThat(guard.call(CompletableFuture::new)).failsWithin(BOUND).withThrowableThat()
          .withCauseInstanceOf(BulkheadRejectedException.class);
      first.complete("x");
      assertThat(holding.join()).isEqualTo("x");
      events = recording.stop();
    }

    assertThat(lines(withoutCalls(events))).containsExactly("fftt.Rejected " + op + " by=bulkhead");
  }

  private static List<RecordedEvent> withoutCalls(List<RecordedEvent> events) {
    return events.stream().filter(e -> !e.getEventType().getName().equals(JfrEventNames.CALL))
        .toList();
  }
}
