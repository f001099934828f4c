package dev.fftt.jfr;

import static dev.fftt.jfr.testing.FfttRecording.lines;
import static dev.fftt.jfr.testing.FfttRecording.ofType;
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

/** {@code fftt.Call}, {@code fftt.Timeout} and {@code fftt.Retry} in a real recording. */
class CallEventsTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "jfr-calls" + IDS.incrementAndGet() + "-";

  @BeforeAll
  static void startExporter() {
    // The runtime starts it through ServiceLoader too; starting twice registers once.
    assertThat(new JfrExporter().start()).isTrue();
  }

  private static CompletableFuture<String> after(long millis, String value) {
    return CompletableFuture.supplyAsync(() -> value,
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
  }

  @Test
  void aSlowPendingCallIsRecordedWithItsFieldsAtTheDefaultThreshold() {
    String op = prefix + "slow";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When
      assertThat(guard.call(() -> after(200, "slow")).join()).isEqualTo("slow");
      events = recording.stop();
    }

    // Then
    assertThat(lines(events)).containsExactly(
        "fftt.Call " + op + " success retries=0 fallback=false");
    RecordedEvent call = events.get(0);
    assertThat(call.getEventType().getCategoryNames()).containsExactly("FFTT Async");
    assertThat(call.getEventType().getLabel()).isEqualTo("FFTT Call");
    assertThat(call.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    assertThat(call.getDuration("elapsed")).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(call.getStackTrace()).isNull();
  }

  @Test
  void aFastCallIsAbsentAtTheDefaultThreshold() {
    String op = prefix + "fast";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    guard.call(() -> CompletableFuture.completedFuture("warm")).join(); // no class loading below
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When: one call ended before its method returned, one soon after
      guard.call(() -> CompletableFuture.completedFuture("now")).join();
      CompletableFuture<String> body = new CompletableFuture<>();
      CompletableFuture<String> call = guard.call(() -> body);
      body.complete("soon");
      assertThat(call.join()).isEqualTo("soon");
      events = recording.stop();
    }

    assertThat(events).isEmpty();
  }

  @Test
  void withThresholdZeroEveryCallIsRecordedThoseEndedAtOnceWithZeroDuration() {
    String op = prefix + "all";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix,
        r -> r.enable(JfrEventNames.CALL).withThreshold(Duration.ZERO))) {
      // When
      guard.call(() -> CompletableFuture.completedFuture("now")).join();
      guard.call(() -> CompletableFuture.failedFuture(new IOException("now")));
      CompletableFuture<String> body = new CompletableFuture<>();
      CompletableFuture<String> call = guard.call(() -> body);
      body.complete("soon");
      assertThat(call.join()).isEqualTo("soon");
      events = recording.stop();
    }

    // Then
    assertThat(lines(events)).containsExactlyInAnyOrder(
        "fftt.Call " + op + " success retries=0 fallback=false",
        "fftt.Call " + op + " failure retries=0 fallback=false",
        "fftt.Call " + op + " success retries=0 fallback=false");
    assertThat(events).filteredOn(e -> e.getDuration().isZero()).hasSize(2);
    assertThat(events).allSatisfy(e -> assertThat(e.getDuration("elapsed")).isPositive());
  }

  @Test
  void eachOutcomeIsRecordedWithTheMicrometerWord() {
    String op = prefix + "outcomes";
    AsyncGuard<String> plain = Async.<String>guard(op).monitored().build();
    AsyncGuard<String> timed = Async.<String>guard(op + "-timed").monitored()
        .withTimeout(Duration.ofMillis(30)).build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix,
        r -> r.enable(JfrEventNames.CALL).withThreshold(Duration.ZERO))) {
      // When
      CompletableFuture<String> failing = new CompletableFuture<>();
      CompletableFuture<String> failed = plain.call(() -> failing);
      failing.completeExceptionally(new IOException("down"));
      plain.call(CompletableFuture::new).cancel(true);
      CompletableFuture<String> timedOut = timed.call(CompletableFuture::new);
      assertThat(failed).isCompletedExceptionally();
      assertThat(timedOut).failsWithin(Duration.ofSeconds(10));
      events = recording.stop();
    }

    assertThat(lines(ofType(events, JfrEventNames.CALL))).containsExactlyInAnyOrder(
        "fftt.Call " + op + " failure retries=0 fallback=false",
        "fftt.Call " + op + " cancelled retries=0 fallback=false",
        "fftt.Call " + op + "-timed timeout retries=0 fallback=false");
  }

  @Test
  void timeoutsRetriesAndTheFallbackAreRecorded() {
    String op = prefix + "flaky";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(50))
        .withRetry().maxRetries(1).delay(Duration.ZERO).done()
        .withFallback().handler(e -> CompletableFuture.completedFuture("cached")).done()
        .build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      // When: both attempts time out, then the fallback answers
      assertThat(guard.call(CompletableFuture::new).orTimeout(10, TimeUnit.SECONDS).join())
          .isEqualTo("cached");
      events = recording.stop();
    }

    // Then (the call took two timeouts: over the 20 ms threshold)
    assertThat(lines(events)).containsExactly(
        "fftt.Timeout " + op + " timeout=50ms",
        "fftt.Retry " + op + " retry=1 cause=dev.fftt.runtime.AsyncTimeoutException",
        "fftt.Timeout " + op + " timeout=50ms",
        "fftt.Call " + op + " success retries=1 fallback=true");
    assertThat(ofType(events, JfrEventNames.RETRY).get(0).getString("cause"))
        .startsWith("dev.fftt.runtime.AsyncTimeoutException: ").contains(op);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getEventType().getCategoryNames()).containsExactly("FFTT Async");
      assertThat(e.getStackTrace()).isNull();
    });
    assertThat(ofType(events, JfrEventNames.TIMEOUT)).allSatisfy(
        e -> assertThat(e.getDuration()).isZero());
  }
}
