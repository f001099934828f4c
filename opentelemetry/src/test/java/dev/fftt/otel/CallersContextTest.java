package dev.fftt.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.otel.internal.Tracing;
import dev.fftt.otel.testing.TestSdk;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's OpenTelemetry context is current wherever the runtime puts the caller's MDC: retry
 * attempts, runOn bodies, the fallback, and the callbacks of the caller's future; and nowhere else.
 */
class CallersContextTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "context" + IDS.incrementAndGet() + ".";
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

  /** Which span is current here: "request", "none", or another span's id. */
  private String currentSpan() {
    SpanContext now = Span.current().getSpanContext();
    if (!now.isValid()) {
      return "none";
    }
    return now.getSpanId().equals(request.getSpanContext().getSpanId()) ? "request"
        : now.getSpanId();
  }

  /** Fails a body's future from its own thread, once released (after the call returned). */
  private static final class Helper {
    final CountDownLatch go = new CountDownLatch(1);
    final AtomicReference<String> afterwards = new AtomicReference<>();
    Thread thread;

    <T> CompletableFuture<T> failLater(Throwable failure, CallersContextTest test) {
      CompletableFuture<T> body = new CompletableFuture<>();
      thread = new Thread(() -> {
        try {
          if (go.await(10, TimeUnit.SECONDS)) {
            body.completeExceptionally(failure);
            afterwards.set(test.currentSpan());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "otel-helper");
      thread.start();
      return body;
    }
  }

  @Test
  void retryAttemptsOnOtherThreadsSeeTheCallersSpan() {
    String op = prefix + "retry";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(2).delay(Duration.ofMillis(10)).done().build();
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    Thread caller = Thread.currentThread();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(() -> {
        seen.add(currentSpan() + (Thread.currentThread() == caller ? " on caller" : " elsewhere"));
        return attempts.incrementAndGet() < 3
            ? CompletableFuture.failedFuture(new IOException("down"))
            : CompletableFuture.completedFuture("third");
      });
    }

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("third");
    assertThat(seen).containsExactly("request on caller", "request elsewhere",
        "request elsewhere");
  }

  @Test
  void aRunOnBodySeesTheCallersSpanAndTheLoopKeepsNoneAfterwards() throws Exception {
    String loopName = prefix + "loop";
    EventLoop loop = EventLoops.start(loopName);
    try {
      String op = prefix + "runon";
      AsyncGuard<String> guard = Async.<String>guard(op).monitored().runOn(loopName).build();

      CompletableFuture<String> call;
      try (Scope ignored = request.makeCurrent()) {
        call = guard.call(() -> CompletableFuture.completedFuture(
            currentSpan() + (loop.inLoop() ? " on the loop" : " elsewhere")));
      }

      assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("request on the loop");
      assertThat(loop.submit(() -> CompletableFuture.completedFuture(currentSpan()))
          .get(10, TimeUnit.SECONDS)).isEqualTo("none");
      List<SpanData> spans = otel.ended(op);
      assertThat(spans).hasSize(1);
      assertThat(spans.get(0).getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void theFallbackSeesTheCallersSpanOnTheThreadThatSawTheFailure() throws Exception {
    String op = prefix + "fallback";
    AtomicReference<String> inFallback = new AtomicReference<>();
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withFallback().handler(failure -> {
          inFallback.set(currentSpan() + " on " + Thread.currentThread().getName());
          return CompletableFuture.completedFuture("cached");
        }).done().build();
    Helper helper = new Helper();

    CompletableFuture<String> call;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(() -> helper.failLater(new IOException("down"), this));
    }
    helper.go.countDown();

    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("cached");
    helper.thread.join(10_000);
    assertThat(inFallback.get()).isEqualTo("request on otel-helper");
    assertThat(helper.afterwards.get()).isEqualTo("none");
  }

  @Test
  void callbacksOnTheCallersFutureSeeTheCallersSpanWhereverItCompletes() throws Exception {
    String op = prefix + "completion";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    CompletableFuture<String> body = new CompletableFuture<>();

    CompletableFuture<String> seen;
    CompletableFuture<String> onBody;
    try (Scope ignored = request.makeCurrent()) {
      CompletableFuture<String> call = guard.call(() -> body);
      seen = call.thenApply(v -> v + " with " + currentSpan() + " on "
          + Thread.currentThread().getName());
      onBody = body.thenApply(v -> "body callback with " + currentSpan());
    }
    AtomicReference<String> completerAfterwards = new AtomicReference<>();
    Thread completer = new Thread(() -> {
      body.complete("value");
      completerAfterwards.set(currentSpan());
    }, "otel-completer");
    completer.start();
    completer.join(10_000);

    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("value with request on otel-completer");
    assertThat(onBody.get(10, TimeUnit.SECONDS)).isEqualTo("body callback with none");
    assertThat(completerAfterwards.get()).isEqualTo("none");
  }

  @Test
  void aTimeoutCompletesTheCallersFutureInTheCallersContext() throws Exception {
    String op = prefix + "timeout";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(30)).build();

    CompletableFuture<String> seen;
    try (Scope ignored = request.makeCurrent()) {
      seen = guard.call(CompletableFuture::new)
          .handle((v, e) -> e.getClass().getSimpleName() + " with " + currentSpan());
    }

    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("AsyncTimeoutException with request");
  }

  @Test
  void anUnmonitoredCallCarriesTheCallersContextToo() throws Exception {
    String op = prefix + "plain";
    AsyncGuard<String> guard = Async.<String>guard(op).build();
    CompletableFuture<String> body = new CompletableFuture<>();

    CompletableFuture<String> seen;
    try (Scope ignored = request.makeCurrent()) {
      seen = guard.call(() -> body).thenApply(v -> v + " with " + currentSpan());
    }
    new Thread(() -> body.complete("value"), "otel-completer").start();

    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("value with request");
    assertThat(otel.exporter.getFinishedSpanItems()).isEmpty();
  }
}
