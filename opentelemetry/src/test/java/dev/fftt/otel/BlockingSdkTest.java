package dev.fftt.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.otel.internal.Tracing;
import dev.fftt.otel.testing.TestSdk;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real OpenTelemetry SDK whose span exporter blocks (or whose processor throws): with the SDK's
 * {@link SimpleSpanProcessor} a span is exported on the thread that ends it, so a blocking export
 * holds the thread that ends the call, and the caller's future completes when it returns
 * (exporters hear a call's end first); other calls and their timeouts go on; every thread's
 * context is as it was. With a {@link BatchSpanProcessor} no call thread waits at all.
 */
@Timeout(60)
class BlockingSdkTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "blocking" + IDS.incrementAndGet() + ".";
  private final TestSdk app = TestSdk.create(); // the application's own spans
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() throws Exception {
    release.countDown();
    for (AutoCloseable c : toClose) {
      c.close();
    }
    app.close();
    Tracing.resetForTests();
  }

  /** Blocks its first export of a span named {@code name} until released. */
  final class BlockingExporter implements SpanExporter {
    final String name;
    final AtomicBoolean armed = new AtomicBoolean(true);
    final CountDownLatch blocked = new CountDownLatch(1);
    final AtomicReference<Thread> blockedThread = new AtomicReference<>();
    final AtomicInteger exported = new AtomicInteger();

    BlockingExporter(String name) {
      this.name = name;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      if (spans.stream().anyMatch(s -> s.getName().equals(name)) && armed.compareAndSet(true, false)) {
        blockedThread.set(Thread.currentThread());
        blocked.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      exported.addAndGet(spans.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** An SDK exporting to {@code healthy} first, then through {@code processor}; installed. */
  private InMemorySpanExporter install(SpanProcessor processor) {
    InMemorySpanExporter healthy = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(healthy))
        .addSpanProcessor(processor).build()).build();
    toClose.add(sdk);
    FfttOpenTelemetry.install(sdk);
    return healthy;
  }

  private static List<SpanData> ended(InMemorySpanExporter exporter, String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }

  /** {@code count} calls (no span) that time out after 50 ms: each fails in time. */
  private static void unmonitoredTimeoutsFireOnTime(String op, int count) {
    AsyncGuard<String> guard = Async.<String>guard(op).withTimeout(Duration.ofMillis(50)).build();
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(guard.call(CompletableFuture::new));
    }
    // 50 ms each; 2 s is generous for a shared machine, and far below the blocked export's 30 s
    await().atMost(Duration.ofSeconds(2)).until(() -> calls.stream().allMatch(f -> f.isDone()));
    for (CompletableFuture<String> f : calls) {
      assertThat(failureOf(f)).isInstanceOf(AsyncTimeoutException.class);
    }
  }

  /** "request" when the test's request span is current here, "none", or another span's name. */
  private static String current(Span request, Span other) {
    String id = Span.current().getSpanContext().getSpanId();
    if (!Span.current().getSpanContext().isValid()) {
      return "none";
    }
    return id.equals(request.getSpanContext().getSpanId()) ? "request"
        : id.equals(other.getSpanContext().getSpanId()) ? "completer's own" : id;
  }

  @Test
  void anExportThatBlocksHoldsEveryThreadThatEndsASpanAndEveryContextIsKept() throws Exception {
    String op = prefix + "ends";
    BlockingExporter blocking = new BlockingExporter(op);
    InMemorySpanExporter healthy = install(SimpleSpanProcessor.create(blocking));
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofSeconds(20)).build();
    Span request = app.sdk.getTracer("test-app").spanBuilder("request").startSpan();
    Span completersOwn = app.sdk.getTracer("test-app").spanBuilder("completer").startSpan();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> call;
    CompletableFuture<String> seenByCallback;
    try (Scope ignored = request.makeCurrent()) {
      call = guard.call(() -> body);
      seenByCallback = call.thenApply(v -> v + " in " + current(request, completersOwn));
    }
    AtomicReference<String> completerAfter = new AtomicReference<>();
    Thread completer = new Thread(() -> {
      try (Scope ignored = completersOwn.makeCurrent()) {
        body.complete("v");
        completerAfter.set(current(request, completersOwn));
      }
    }, "body-completer");
    completer.start();
    await().atMost(BOUND).until(() -> blocking.blocked.getCount() == 0);

    assertThat(blocking.blockedThread.get()).isSameAs(completer);
    assertThat(call).as("its span is being exported: not completed yet").isNotDone();
    assertThat(ended(healthy, op)).as("the processor before it had the span").hasSize(1);
    // The SDK's SimpleSpanProcessor exports one batch at a time (under its own lock): another
    // call's span end waits for the blocked export, whichever thread and operation it is on.
    CompletableFuture<CompletableFuture<String>> otherReturned = new CompletableFuture<>();
    Thread otherCaller = new Thread(() -> otherReturned.complete(Async.<String>guard(prefix
        + "other").monitored().build().call(() -> CompletableFuture.completedFuture("w"))),
        "other-caller");
    otherCaller.start();
    await().atMost(BOUND).until(() -> otherCaller.getState() == Thread.State.BLOCKED);
    // calls that make no span, and their timeouts, go on
    unmonitoredTimeoutsFireOnTime(prefix + "unmonitored", 10);
    assertThat(call).isNotDone();
    assertThat(otherReturned).isNotDone();

    release.countDown();

    assertThat(seenByCallback.get(10, TimeUnit.SECONDS)).isEqualTo("v in request");
    assertThat(otherReturned.get(10, TimeUnit.SECONDS).join()).isEqualTo("w");
    completer.join(10_000);
    assertThat(completerAfter.get()).as("the completer's own context is back")
        .isEqualTo("completer's own");
    assertThat(current(request, completersOwn)).isEqualTo("none");
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.successes()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
    assertThat(ended(healthy, op)).singleElement().satisfies(s -> assertThat(
        s.getParentSpanContext().getSpanId()).isEqualTo(request.getSpanContext().getSpanId()));
    assertThat(ended(healthy, prefix + "other")).hasSize(1);
    request.end();
    completersOwn.end();
  }

  /**
   * Each monitored timeout ends its span on a completion thread; behind a blocked
   * SimpleSpanProcessor each holds one. While some are free, calls without a span time out on
   * time; once every completion thread ({@code max(8, 4 × cores)}) waits for the export, every
   * timeout in the JVM waits with them.
   */
  @Test
  void anExportThatBlocksHoldsACompletionThreadPerMonitoredTimeoutUntilNoneIsLeft() {
    String op = prefix + "timeout";
    BlockingExporter blocking = new BlockingExporter(op);
    InMemorySpanExporter healthy = install(SimpleSpanProcessor.create(blocking));
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(50)).build();
    int completionThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> call = guard.call(() -> never);
    await().atMost(BOUND).until(() -> blocking.blocked.getCount() == 0);

    assertThat(blocking.blockedThread.get().getName()).startsWith("fftt-completion-");
    assertThat(never).isCancelled();
    assertThat(call).as("its span is being exported: not failed yet").isNotDone();
    List<CompletableFuture<String>> monitored = new ArrayList<>();
    AsyncGuard<String> others = Async.<String>guard(prefix + "others").monitored()
        .withTimeout(Duration.ofMillis(50)).build();
    for (int i = 0; i < completionThreads - 2; i++) {
      monitored.add(others.call(CompletableFuture::new));
    }
    await().atMost(BOUND).until(() -> blockedCompletionThreads() == completionThreads - 1);
    // one completion thread left: timeouts of calls without a span still fire on time
    unmonitoredTimeoutsFireOnTime(prefix + "unmonitored", 10);

    monitored.add(others.call(CompletableFuture::new)); // takes the last one
    await().atMost(BOUND).until(() -> blockedCompletionThreads() == completionThreads);
    CompletableFuture<String> starved = Async.<String>guard(prefix + "starved")
        .withTimeout(Duration.ofMillis(50)).build().call(CompletableFuture::new);
    await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> !starved.isDone());
    assertThat(monitored).noneMatch(CompletableFuture::isDone);

    release.countDown();

    assertThat(failureOf(call)).isInstanceOf(AsyncTimeoutException.class);
    assertThat(failureOf(starved)).isInstanceOf(AsyncTimeoutException.class);
    for (CompletableFuture<String> f : monitored) {
      assertThat(failureOf(f)).isInstanceOf(AsyncTimeoutException.class);
    }
    assertThat(ended(healthy, op)).singleElement().satisfies(s ->
        assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    assertThat(ended(healthy, prefix + "others")).hasSize(completionThreads - 1);
    assertThat(Diagnostics.operation(op).orElseThrow().timeouts()).isEqualTo(1);
    assertThat(Diagnostics.operation(prefix + "others").orElseThrow().timeouts())
        .isEqualTo(completionThreads - 1);
  }

  private static long blockedCompletionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("fftt-completion-"))
        .filter(t -> t.getState() == Thread.State.BLOCKED
            || t.getState() == Thread.State.TIMED_WAITING && inExport(t))
        .count();
  }

  private static boolean inExport(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().equals(BlockingExporter.class.getName())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void behindABatchSpanProcessorABlockingExportHoldsNoCallThread() {
    String op = prefix + "batch";
    BlockingExporter blocking = new BlockingExporter(op);
    BatchSpanProcessor batch = BatchSpanProcessor.builder(blocking)
        .setScheduleDelay(Duration.ofMillis(1)).setMaxQueueSize(16).setMaxExportBatchSize(4)
        .build();
    InMemorySpanExporter healthy = install(batch);
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofSeconds(10)).build(); // the busy machine's slow ones do not time out
    AsyncGuard<String> timingOut = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(50)).build();

    assertThat(guard.call(() -> CompletableFuture.completedFuture("first")).join())
        .isEqualTo("first");
    await().atMost(BOUND).until(() -> blocking.blocked.getCount() == 0);
    assertThat(blocking.blockedThread.get()).isNotSameAs(Thread.currentThread());
    // the worker is held: 200 more calls, at once, later and timing out, all end meanwhile
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(guard.call(() -> CompletableFuture.completedFuture("now")));
      calls.add(guard.call(() -> CompletableFuture.supplyAsync(() -> "later")));
    }
    calls.add(timingOut.call(CompletableFuture::new));
    await().atMost(BOUND).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
    assertThat(failureOf(calls.get(200))).isInstanceOf(AsyncTimeoutException.class);
    assertThat(ended(healthy, op)).hasSize(202);
    assertThat(blocking.exported.get()).as("nothing exported past the held worker").isZero();

    release.countDown();
    // the SDK's queue (16) dropped the rest: the SDK's own policy, not FFTT's
    await().atMost(BOUND).until(() -> blocking.exported.get() >= 1);
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.successes()).isEqualTo(201);
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
  }

  /** Throws from onStart or from onEnd. */
  static final class ThrowingProcessor implements SpanProcessor {
    final boolean onStart;
    final AtomicInteger throwsSoFar = new AtomicInteger();

    ThrowingProcessor(boolean onStart) {
      this.onStart = onStart;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      throwsSoFar.incrementAndGet();
      throw new IllegalStateException("broken onStart");
    }

    @Override
    public boolean isStartRequired() {
      return onStart;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      throwsSoFar.incrementAndGet();
      throw new IllegalStateException("broken onEnd");
    }

    @Override
    public boolean isEndRequired() {
      return !onStart;
    }
  }

  /**
   * A retried call, in flight when its method returns and completed by another thread that has a
   * context of its own: the caller, the completer and the caller's callbacks each see their own
   * context. Returns the spans the processor before the throwing one exported.
   */
  private List<SpanData> callThroughThrowingProcessor(String op, ThrowingProcessor throwing)
      throws Exception {
    InMemorySpanExporter healthy = install(throwing);
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(1).delay(Duration.ofMillis(5)).done()
        .withTimeout(Duration.ofSeconds(5)).build();
    Span request = app.sdk.getTracer("test-app").spanBuilder("request").startSpan();
    Span completersOwn = app.sdk.getTracer("test-app").spanBuilder("completer").startSpan();
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> seenByCallback;
    String callerAfter;
    try (Scope ignored = request.makeCurrent()) {
      CompletableFuture<String> call = guard.call(() -> attempts.incrementAndGet() == 1
          ? CompletableFuture.failedFuture(new IOException("down")) : body);
      seenByCallback = call.thenApply(v -> v + " in " + current(request, completersOwn));
      callerAfter = current(request, completersOwn);
    }
    await().atMost(BOUND).until(() -> attempts.get() == 2);
    AtomicReference<String> completerAfter = new AtomicReference<>();
    Thread completer = new Thread(() -> {
      try (Scope ignored = completersOwn.makeCurrent()) {
        body.complete("v");
        completerAfter.set(current(request, completersOwn));
      }
    }, "body-completer");
    completer.start();

    assertThat(seenByCallback.get(10, TimeUnit.SECONDS)).isEqualTo("v in request");
    completer.join(10_000);
    assertThat(callerAfter).isEqualTo("request");
    assertThat(completerAfter.get()).isEqualTo("completer's own");
    assertThat(current(request, completersOwn)).isEqualTo("none");
    assertThat(throwing.throwsSoFar.get()).isEqualTo(1);
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.successes()).isEqualTo(1);
    assertThat(stats.retries()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
    request.end();
    completersOwn.end();
    return ended(healthy, op).stream()
        .peek(s -> assertThat(s.getParentSpanContext().getSpanId())
            .isEqualTo(request.getSpanContext().getSpanId()))
        .toList();
  }

  @Test
  void aProcessorThatThrowsInOnStartCostsTheCallItsSpanAndNothingElse() throws Exception {
    // the SDK lets the throw out of startSpan: the call goes on without a span, in no processor
    assertThat(callThroughThrowingProcessor(prefix + "onStart", new ThrowingProcessor(true)))
        .isEmpty();
  }

  @Test
  void aProcessorThatThrowsInOnEndLeavesTheSpanWithTheProcessorsBeforeIt() throws Exception {
    assertThat(callThroughThrowingProcessor(prefix + "onEnd", new ThrowingProcessor(false)))
        .singleElement().satisfies(s -> assertThat(s.getAttributes().asMap().toString())
            .contains("fftt.retries=1", "fftt.outcome=success"));
  }

  private static Throwable failureOf(CompletableFuture<?> f) {
    await().atMost(BOUND).until(f::isDone);
    try {
      f.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }
}
