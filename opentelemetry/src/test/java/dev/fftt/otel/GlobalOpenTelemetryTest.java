package dev.fftt.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.otel.internal.Tracing;
import dev.fftt.otel.testing.TestSdk;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without {@link FfttOpenTelemetry#install}, spans go to {@link GlobalOpenTelemetry} once the
 * application sets it, even after the first calls; the exporter never sets it itself.
 */
class GlobalOpenTelemetryTest {

  private TestSdk global;
  private TestSdk installed;

  @BeforeEach
  void unset() {
    GlobalOpenTelemetry.resetForTest();
    Tracing.resetForTests();
  }

  @AfterEach
  void reset() {
    GlobalOpenTelemetry.resetForTest();
    Tracing.resetForTests();
    if (global != null) {
      global.close();
    }
    if (installed != null) {
      installed.close();
    }
  }

  @Test
  void aGlobalSetAfterTheFirstCallsIsUsedAndWasNeverSetByUs() {
    AsyncGuard<String> guard = Async.<String>guard("global.late").monitored().build();

    // Given calls made before the application set its OpenTelemetry
    assertThat(guard.call(() -> CompletableFuture.completedFuture("early")).join())
        .isEqualTo("early");
    assertThat(guard.call(CompletableFuture::new).complete("pending early")).isTrue();
    assertThat(GlobalOpenTelemetry.isSet()).as("the exporter must not set the global").isFalse();

    // When the application sets it (this throws if anything had called get() before)
    global = TestSdk.create();
    GlobalOpenTelemetry.set(global.sdk);

    // Then the next calls make spans through it (the unset global is asked again every 50 ms)
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
      guard.call(() -> CompletableFuture.completedFuture("late")).join();
      return !global.ended("global.late").isEmpty();
    });
    assertThat(global.ended("global.late").get(0).getAttributes().get(
        io.opentelemetry.api.common.AttributeKey.stringKey("fftt.outcome"))).isEqualTo("success");
  }

  @Test
  void anInstalledOpenTelemetryWinsOverTheGlobal() {
    global = TestSdk.create();
    GlobalOpenTelemetry.set(global.sdk);
    installed = TestSdk.create();
    AsyncGuard<String> guard = Async.<String>guard("global.installed").monitored().build();

    guard.call(() -> CompletableFuture.completedFuture("to the global")).join();
    FfttOpenTelemetry.install(installed.sdk);
    guard.call(() -> CompletableFuture.completedFuture("to the installed")).join();

    assertThat(global.ended("global.installed")).hasSize(1);
    assertThat(installed.ended("global.installed")).hasSize(1);
  }
}
