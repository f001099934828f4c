package dev.fftt.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.otel.internal.Tracing;
import dev.fftt.otel.testing.TestSdk;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A span exporter or span processor that throws never affects a call. */
class ThrowingSdkTest {

  private OpenTelemetrySdk sdk;
  private TestSdk healthy;
  private final TestSdk app = TestSdk.create(); // the application's own spans, unbroken

  @AfterEach
  void close() {
    if (sdk != null) {
      sdk.close();
    }
    if (healthy != null) {
      healthy.close();
    }
    app.close();
    Tracing.resetForTests();
  }

  /** Throws from everything a span goes through. */
  static final class Throwing implements SpanExporter, SpanProcessor {
    final AtomicInteger throwsSoFar = new AtomicInteger();

    private RuntimeException broke(String where) {
      throwsSoFar.incrementAndGet();
      return new IllegalStateException("broken " + where);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      throw broke("export");
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      throw broke("onStart");
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      throw broke("onEnd");
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public void close() {
      shutdown();
    }
  }

  private OpenTelemetrySdk sdkWith(SpanProcessor processor) {
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(processor).build())
        .build();
    return sdk;
  }

  @Test
  void aThrowingSpanExporterNeverAffectsACall() {
    Throwing exporter = new Throwing();
    FfttOpenTelemetry.install(sdkWith(SimpleSpanProcessor.create(exporter)));
    runCallsAndCheckThem("throwing.exporter");
    assertThat(exporter.throwsSoFar.get()).as("the exporter was reached").isPositive();
  }

  @Test
  void aThrowingSpanProcessorNeverAffectsACallNorLeavesItsContextBehind() {
    Throwing processor = new Throwing();
    FfttOpenTelemetry.install(sdkWith(processor));
    runCallsAndCheckThem("throwing.processor");
    assertThat(processor.throwsSoFar.get()).as("the processor was reached").isPositive();

    // and spans flow again as soon as a healthy SDK is installed
    healthy = TestSdk.create();
    FfttOpenTelemetry.install(healthy.sdk);
    Async.<String>guard("throwing.processor").monitored().build()
        .call(() -> CompletableFuture.completedFuture("ok")).join();
    assertThat(healthy.ended("throwing.processor")).hasSize(1);
  }

  private void runCallsAndCheckThem(String op) {
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(1).delay(Duration.ofMillis(5)).done()
        .withTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger attempts = new AtomicInteger();
    Span request = app.sdk.getTracer("test-app").spanBuilder("request").startSpan();

    try (Scope ignored = request.makeCurrent()) {
      // ends at once
      assertThat(guard.call(() -> CompletableFuture.completedFuture("now")).join())
          .isEqualTo("now");
      // retried, then completed on another thread, with callbacks
      CompletableFuture<String> retried = guard.call(() -> attempts.incrementAndGet() == 1
          ? CompletableFuture.failedFuture(new IOException("down"))
          : CompletableFuture.supplyAsync(() -> "later"));
      CompletableFuture<String> seen = retried.thenApply(v -> v + "!");
      assertThat(seen.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("later!");
    }

    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.calls()).isEqualTo(2);
    assertThat(stats.successes()).isEqualTo(2);
    assertThat(stats.retries()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    request.end();
  }
}
