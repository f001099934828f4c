package dev.fftt.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.otel.internal.Tracing;
import dev.fftt.otel.testing.TestSdk;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One span per monitored call, through a real SDK installed with {@link FfttOpenTelemetry#install};
 * the exporter itself is started by the runtime, which finds it through {@code ServiceLoader}.
 */
class SpansTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

  private final String prefix = "spans" + IDS.incrementAndGet() + ".";
  private TestSdk otel;
  private Span request;

  @BeforeEach
  void install() {
    otel = TestSdk.create();
    FfttOpenTelemetry.install(otel.sdk);
    request = otel.sdk.getTracer("test-app").spanBuilder("request").startSpan();
  }

  @AfterEach
  void close() {
    request.end();
    otel.close();
    Tracing.resetForTests();
  }

  private static Attributes attributes(String operation, String outcome, long retries) {
    return Attributes.builder().put("fftt.operation", operation).put("fftt.outcome", outcome)
        .put("fftt.retries", retries).build();
  }

  private static List<String> eventNames(SpanData span) {
    return span.getEvents().stream().map(EventData::getName).collect(Collectors.toList());
  }

  private static EventData event(SpanData span, String name) {
    return span.getEvents().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + name + " in " + span));
  }

  /** The one span of {@code operation}, a child of the test's request span. */
  private SpanData onlySpan(String operation) {
    List<SpanData> spans = otel.ended(operation);
    assertThat(spans).hasSize(1);
    SpanData span = spans.get(0);
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    assertThat(span.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.fftt.otel");
    assertThat(span.hasEnded()).isTrue();
    return span;
  }

  @Test
  void aCallThatEndsAtOnceGetsASpanSpanningTheCallUnderTheCallersSpan() {
    String op = prefix + "now";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();

    long before = nowEpochNanos();
    try (Scope ignored = request.makeCurrent()) {
      assertThat(guard.call(() -> CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
    }
    long after = nowEpochNanos();

    SpanData span = onlySpan(op);
    assertThat(span.getName()).isEqualTo(op);
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "success", 0).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents()).isEmpty();
    assertThat(span.getStartEpochNanos()).isBetween(before - 1_000_000, after);
    assertThat(span.getEndEpochNanos()).isBetween(span.getStartEpochNanos(), after + 1_000_000);
  }

  @Test
  void aFailedCallsSpanHasErrorStatusAndTheException() {
    String op = prefix + "failed";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();

    try (Scope ignored = request.makeCurrent()) {
      guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    }

    SpanData span = onlySpan(op);
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "failure", 0).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("java.io.IOException: down");
    assertThat(eventNames(span)).containsExactly("exception");
    assertThat(event(span, "exception").getAttributes().get(EXCEPTION_TYPE))
        .isEqualTo("java.io.IOException");
  }

  @Test
  void aPendingCallsSpanStartsOnTheCallersThreadAndEndsWhenItsFutureCompletes() throws Exception {
    String op = prefix + "pending";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    CompletableFuture<String> body = new CompletableFuture<>();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(() -> body);
    }
    assertThat(otel.ended(op)).isEmpty();
    Thread completer = new Thread(() -> body.complete("later"), "otel-completer");
    completer.start();

    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("later");
    completer.join(BOUND.toMillis());
    SpanData span = onlySpan(op); // ended before the caller's future completed
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "success", 0).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void retriesAreEventsAndTheSpanEndsAfterTheLastAttempt() {
    String op = prefix + "retry";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(3).delay(Duration.ofMillis(10)).done().build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(() -> {
        int n = attempts.incrementAndGet();
        return n < 3 ? CompletableFuture.failedFuture(new IOException("down " + n))
            : CompletableFuture.completedFuture("third");
      });
    }

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("third");
    SpanData span = onlySpan(op);
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "success", 2).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(eventNames(span)).containsExactly("fftt.retry", "fftt.retry");
    assertThat(span.getEvents().get(0).getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("fftt.retry", 1L).put("exception.type", "java.io.IOException")
        .put("exception.message", "down 1").build().asMap());
    assertThat(span.getEvents().get(1).getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("fftt.retry", 2L).put("exception.type", "java.io.IOException")
        .put("exception.message", "down 2").build().asMap());
  }

  @Test
  void aTimeoutIsAnEventAnErrorAndTheRecordedException() {
    String op = prefix + "timeout";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(30)).build();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(CompletableFuture::new);
    }

    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(AsyncTimeoutException.class);
    SpanData span = onlySpan(op);
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "timeout", 0).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(eventNames(span)).containsExactly("fftt.timeout", "exception");
    assertThat(event(span, "fftt.timeout").getAttributes().asMap())
        .isEqualTo(Attributes.builder().put("fftt.timeout.millis", 30L).build().asMap());
    assertThat(event(span, "exception").getAttributes().get(EXCEPTION_TYPE))
        .isEqualTo(AsyncTimeoutException.class.getName());
  }

  @Test
  void anAttemptThatTimedOutAndWasRetriedEndsTheSpanWithTheCall() {
    String op = prefix + "timeout-retry";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(30)).withRetry().maxRetries(1).done().build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(() -> attempts.incrementAndGet() == 1 ? new CompletableFuture<>()
          : CompletableFuture.completedFuture("second"));
    }

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("second");
    SpanData span = onlySpan(op);
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "success", 1).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(eventNames(span)).containsExactly("fftt.timeout", "fftt.retry");
    assertThat(event(span, "fftt.retry").getAttributes().get(EXCEPTION_TYPE))
        .isEqualTo(AsyncTimeoutException.class.getName());
  }

  @Test
  void aRefusalByAnOpenBreakerAndTheFallbackAreEventsOfASuccessfulSpan() {
    String op = prefix + "breaker";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withCircuitBreaker().requestVolumeThreshold(1).failureRatio(1.0)
            .delay(Duration.ofMinutes(5)).done()
        .withFallback().handler(failure -> CompletableFuture.completedFuture("cached")).done()
        .build();

    try (Scope ignored = request.makeCurrent()) {
      // the first call fails and opens the breaker; the second is refused at once
      assertThat(guard.call(() -> CompletableFuture.failedFuture(new IOException("down"))).join())
          .isEqualTo("cached");
      assertThat(guard.call(() -> CompletableFuture.completedFuture("not reached")).join())
          .isEqualTo("cached");
    }

    List<SpanData> spans = otel.ended(op);
    assertThat(spans).hasSize(2);
    SpanData refused = spans.get(1);
    assertThat(refused.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(refused.getAttributes().asMap()).isEqualTo(attributes(op, "success", 0).asMap());
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(eventNames(refused)).containsExactly("fftt.rejected", "fftt.fallback");
    assertThat(event(refused, "fftt.rejected").getAttributes().asMap())
        .isEqualTo(Attributes.builder().put("fftt.rejected.by", "circuitbreaker").build().asMap());
    assertThat(event(refused, "fftt.fallback").getAttributes().get(EXCEPTION_TYPE))
        .isEqualTo(CircuitBreakerOpenException.class.getName());
    assertThat(eventNames(spans.get(0))).containsExactly("fftt.fallback");
  }

  @Test
  void aRefusalByAFullBulkheadFailsTheSpan() {
    String op = prefix + "bulkhead";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withBulkhead().limit(1).queueSize(0).done().build();
    CompletableFuture<String> holding = new CompletableFuture<>();

    CompletableFuture<String> first;
    CompletableFuture<String> second;
    try (Scope ignored = request.makeCurrent()) {
      first = guard.call(() -> holding);
      second = guard.call(() -> CompletableFuture.completedFuture("not reached"));
    }
    assertThatThrownBy(second::join).hasCauseInstanceOf(BulkheadRejectedException.class);
    holding.complete("held");
    assertThat(first.join()).isEqualTo("held");

    List<SpanData> spans = otel.ended(op);
    assertThat(spans).hasSize(2);
    SpanData refused = spans.get(0);
    assertThat(refused.getAttributes().asMap()).isEqualTo(attributes(op, "failure", 0).asMap());
    assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(eventNames(refused)).containsExactly("fftt.rejected", "exception");
    assertThat(event(refused, "fftt.rejected").getAttributes().asMap())
        .isEqualTo(Attributes.builder().put("fftt.rejected.by", "bulkhead").build().asMap());
    assertThat(spans.get(1).getAttributes().asMap())
        .isEqualTo(attributes(op, "success", 0).asMap());
  }

  @Test
  void aCancelledCallsSpanIsNoError() {
    String op = prefix + "cancel";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(CompletableFuture::new);
    }
    call.cancel(true);

    assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
    SpanData span = onlySpan(op);
    assertThat(span.getAttributes().asMap()).isEqualTo(attributes(op, "cancelled", 0).asMap());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getEvents()).isEmpty();
  }

  @Test
  void anOperationThatIsNotMonitoredHasNoSpan() {
    String op = prefix + "unmonitored";
    AsyncGuard<String> guard = Async.<String>guard(op)
        .withRetry().maxRetries(1).done().withTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger attempts = new AtomicInteger();

    try (Scope ignored = request.makeCurrent()) {
      assertThat(guard.call(() -> attempts.incrementAndGet() == 1
          ? CompletableFuture.failedFuture(new IOException("down"))
          : CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
    }

    assertThat(otel.exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void aCallerWithoutASpanGetsARootSpan() {
    String op = prefix + "root";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();

    guard.call(() -> CompletableFuture.completedFuture("ok")).join();

    List<SpanData> spans = otel.ended(op);
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void unsampledCallsRecordNothingAndRunAsUsual() {
    TestSdk never = TestSdk.sampling(Sampler.alwaysOff());
    FfttOpenTelemetry.install(never.sdk);
    String op = prefix + "unsampled";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(1).done().build();
    AtomicInteger attempts = new AtomicInteger();

    try {
      assertThat(guard.call(() -> attempts.incrementAndGet() == 1
          ? CompletableFuture.failedFuture(new IOException("down"))
          : CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
      assertThat(never.exporter.getFinishedSpanItems()).isEmpty();
      assertThat(otel.exporter.getFinishedSpanItems()).isEmpty();
    } finally {
      never.close();
    }
  }

  @Test
  void installRefusesNull() {
    assertThatThrownBy(() -> FfttOpenTelemetry.install(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("openTelemetry must not be null");
  }

  @Test
  void aFailureThatIsNotTheCallersIsUnwrapped() {
    String op = prefix + "wrapped";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();

    try (Scope ignored = request.makeCurrent()) {
      guard.call(() -> CompletableFuture.failedFuture(
          new CompletionException(new IllegalStateException("inner"))));
    }

    SpanData span = onlySpan(op);
    assertThat(span.getStatus().getDescription()).isEqualTo("java.lang.IllegalStateException: inner");
  }

  static long nowEpochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  static void awaitSpans(TestSdk otel, String op, int count) {
    await().atMost(BOUND).until(() -> otel.ended(op).size() == count);
  }
}
