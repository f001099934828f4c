package dev.fftt.jfr;

import static dev.fftt.jfr.testing.FfttRecording.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.testing.FfttRecording;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Nothing is written while nothing records FFTT's events. */
class NotRecordingTest {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "jfr-off" + IDS.incrementAndGet() + "-";

  @BeforeAll
  static void startExporter() {
    assertThat(new JfrExporter().start()).isTrue();
  }

  /** A slow call with a timeout, a retry and a fallback, then a breaker opening and refusing. */
  private static void everyKindOfEvent(String op) {
    AsyncGuard<String> flaky = Async.<String>guard(op + "flaky").monitored()
        .withTimeout(Duration.ofMillis(30))
        .withRetry().maxRetries(1).delay(Duration.ZERO).done()
        .withFallback().handler(e -> CompletableFuture.completedFuture("cached")).done()
        .build();
    assertThat(flaky.call(CompletableFuture::new).orTimeout(10, TimeUnit.SECONDS).join())
        .isEqualTo("cached");
    AsyncGuard<String> breaker = Async.<String>guard(op + "breaker").monitored()
        .withCircuitBreaker().requestVolumeThreshold(1).delay(Duration.ofHours(1)).done().build();
    breaker.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    assertThat(breaker.call(() -> CompletableFuture.completedFuture("refused")))
        .isCompletedExceptionally();
  }

  @Test
  void aRecordingThatLeavesFfttEventsOutHasNoneAndOneThatEnablesThemHasEach() {
    List<RecordedEvent> off;
    try (FfttRecording recording = FfttRecording.start(prefix,
        r -> JfrEventNames.ALL.forEach(r::disable))) {
      everyKindOfEvent(prefix + "off-");
      off = recording.stop();
    }
    List<RecordedEvent> on;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      everyKindOfEvent(prefix + "on-");
      on = recording.stop();
    }

    assertThat(off).isEmpty();
    String op = prefix + "on-";
    // (the breaker's calls end at once: a cold one may pass 20 ms, so calls are left out there)
    assertThat(lines(on)).filteredOn(l -> !l.startsWith("fftt.Call " + op + "breaker"))
        .containsExactly(
        "fftt.Timeout " + op + "flaky timeout=30ms",
        "fftt.Retry " + op + "flaky retry=1 cause=dev.fftt.runtime.AsyncTimeoutException",
        "fftt.Timeout " + op + "flaky timeout=30ms",
        "fftt.Call " + op + "flaky success retries=1 fallback=true",
        "fftt.CircuitBreakerState " + op + "breaker CLOSED -> OPEN",
        "fftt.Rejected " + op + "breaker by=circuitbreaker");
  }

  @Test
  void aCallBegunWhileNothingRecordedCallsIsLeftOutAtTheDefaultThreshold() {
    String op = prefix + "early";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    try (FfttRecording warm = FfttRecording.start(prefix + "warm")) {
      warm.stop(); // the exporter's events are ready, and nothing records them now
    }
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> call = guard.call(() -> body);
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When: it runs on for 100 ms while recorded (its event was never begun)
      CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> body.complete("late"));
      assertThat(call).succeedsWithin(BOUND).isEqualTo("late");
      events = recording.stop();
    }

    assertThat(events).isEmpty();
  }
}
