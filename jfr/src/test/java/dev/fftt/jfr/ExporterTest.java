package dev.fftt.jfr;

import static dev.fftt.jfr.testing.FfttRecording.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.testing.FfttRecording;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.spi.FfttExporter;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** How the runtime finds and starts the exporter, and that it never hurts a call. */
class ExporterTest {

  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "jfr-exporter" + IDS.incrementAndGet() + "-";

  @Test
  void theRuntimeFindsItThroughServiceLoaderUnderTheNameJfr() {
    List<FfttExporter> found = ServiceLoader.load(FfttExporter.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    assertThat(found).hasExactlyElementsOfTypes(JfrExporter.class);
    assertThat(found.get(0).name()).isEqualTo(FfttExporter.JFR).isEqualTo("jfr");
  }

  @Test
  void startingAgainRegistersNothingMoreSoEachEventIsWrittenOnce() {
    assertThat(new JfrExporter().start()).isTrue();
    assertThat(new JfrExporter().start()).isTrue();
    String op = prefix + "once";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      assertThat(guard.call(() -> CompletableFuture.supplyAsync(() -> "slow",
          CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)))).succeedsWithin(BOUND);
      events = recording.stop();
    }

    assertThat(lines(events)).containsExactly("fftt.Call " + op + " success retries=0 fallback=false");
  }

  /** A failure whose text cannot be read: writing the fftt.Retry event throws. */
  static final class Unprintable extends RuntimeException {
    @Override
    public String toString() {
      throw new IllegalStateException("no text");
    }
  }

  @Test
  void anEventThatCannotBeWrittenNeverReachesTheCall() {
    assertThat(new JfrExporter().start()).isTrue();
    String op = prefix + "hostile";
    AtomicInteger attempts = new AtomicInteger();
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(1).delay(Duration.ofMillis(50)).done().build();
    List<RecordedEvent> events;
    try (FfttRecording recording = FfttRecording.start(prefix)) {
      CompletableFuture<String> call = guard.call(() -> attempts.incrementAndGet() == 1
          ? CompletableFuture.failedFuture(new Unprintable())
          : CompletableFuture.completedFuture("second"));
      assertThat(call).succeedsWithin(BOUND).isEqualTo("second");
      events = recording.stop();
    }

    // Then: the retry's event was lost, the call and its own event were not
    assertThat(lines(events)).containsExactly(
        "fftt.Call " + op + " success retries=1 fallback=false");
    assertThat(Diagnostics.operation(op).orElseThrow().successes()).isEqualTo(1);
    assertThat(Diagnostics.operation(op).orElseThrow().retries()).isEqualTo(1);
  }
}
