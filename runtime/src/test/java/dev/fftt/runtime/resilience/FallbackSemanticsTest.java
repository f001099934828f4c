package dev.fftt.runtime.resilience;

import static dev.fftt.runtime.resilience.Support.BOUND;
import static dev.fftt.runtime.resilience.Support.failureOf;
import static dev.fftt.runtime.resilience.Support.name;
import static dev.fftt.runtime.resilience.Support.onThread;
import static dev.fftt.runtime.resilience.Support.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.internal.guard.FallbackSpec;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The fallback's contract (API.md, "Resilience policies"), through AsyncGuard and Guard.call. */
class FallbackSemanticsTest {

  private final AtomicInteger fallbacks = new AtomicInteger();
  private final AtomicReference<Throwable> seen = new AtomicReference<>();
  private final AtomicReference<String> fallbackThread = new AtomicReference<>();

  private Function<Throwable, CompletionStage<String>> recording(
      Function<Throwable, CompletionStage<String>> then) {
    return failure -> {
      fallbacks.incrementAndGet();
      seen.set(failure);
      fallbackThread.set(Thread.currentThread().getName());
      return then.apply(failure);
    };
  }

  private AsyncGuard<String> guard(String name,
      Function<Throwable, CompletionStage<String>> fallback) {
    return Async.<String>guard(name).monitored().withFallback().handler(recording(fallback))
        .done().build();
  }

  @Test
  void theHandlerGetsTheFailureUnwrappedAndItsFutureCompletesTheCall() {
    String name = name("fb.value");
    AsyncGuard<String> guard = guard(name,
        f -> CompletableFuture.completedFuture("cached after " + f.getMessage()));
    IOException down = new IOException("down");

    CompletableFuture<String> call = guard.call(
        () -> CompletableFuture.failedFuture(new CompletionException(down)));

    await().atMost(BOUND).until(call::isDone);
    assertThat(call.join()).isEqualTo("cached after down");
    assertThat(seen.get()).isSameAs(down);
    assertThat(op(name).successes()).isEqualTo(1);
    assertThat(op(name).fallbacks()).isEqualTo(1);
    assertThat(op(name).failures()).isZero();
  }

  @Test
  void aPolicyLevelFallbackGetsTheCallsCaptureAndTheFailure() {
    String name = name("fb.capture");
    AtomicReference<Object> capture = new AtomicReference<>();
    GuardPolicy policy = GuardPolicy.builder(name).monitor(name)
        .fallback(new FallbackSpec(name + ".cached", List.of(Throwable.class), List.of(),
            (c, failure) -> {
              capture.set(c);
              seen.set(failure);
              return CompletableFuture.completedFuture("from capture " + c);
            }))
        .build();
    IllegalStateException boom = new IllegalStateException("boom");
    Object receiverAndArgs = new Object[] {"receiver", 7};

    CompletableFuture<Object> call = Guard.call(policy, new dev.fftt.runtime.internal.guard.Attempt<>() {
      @Override
      public CompletionStage<Object> start() {
        throw new AssertionError("the capture overload runs");
      }

      @Override
      public CompletionStage<Object> start(Object c) {
        throw boom; // a synchronous throw is a failed attempt
      }
    }, receiverAndArgs);

    await().atMost(BOUND).until(call::isDone);
    assertThat(call.join()).asString().startsWith("from capture");
    assertThat(capture.get()).isSameAs(receiverAndArgs);
    assertThat(seen.get()).isSameAs(boom);
  }

  @Test
  void applyOnAndSkipOnDecideWhetherTheFallbackRuns() {
    String name = name("fb.classify");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored().withFallback()
        .handler(recording(f -> CompletableFuture.completedFuture("fallback")))
        .applyOn(IOException.class).skipOn(FileNotFoundException.class).done().build();

    CompletableFuture<String> notApplied = guard.call(
        () -> CompletableFuture.failedFuture(new IllegalStateException("not in applyOn")));
    CompletableFuture<String> skipped = guard.call(
        () -> CompletableFuture.failedFuture(new FileNotFoundException("in skipOn")));
    CompletableFuture<String> applied = guard.call(
        () -> CompletableFuture.failedFuture(new java.net.SocketException("an IOException")));

    assertThat(failureOf(notApplied)).isInstanceOf(IllegalStateException.class)
        .hasNoSuppressedExceptions();
    assertThat(failureOf(skipped)).isInstanceOf(FileNotFoundException.class);
    await().atMost(BOUND).until(applied::isDone);
    assertThat(applied.join()).isEqualTo("fallback");
    assertThat(fallbacks).hasValue(1);
    assertThat(op(name).fallbacks()).isEqualTo(1);
    assertThat(op(name).failures()).isEqualTo(2);
  }

  @Test
  void aFallbackThatThrowsFailsTheCallWithItsExceptionAndTheOriginalSuppressed() {
    String name = name("fb.throws");
    IOException original = new IOException("original");
    IllegalStateException thrown = new IllegalStateException("fallback broke");
    AsyncGuard<String> guard = guard(name, f -> {
      throw thrown;
    });

    CompletableFuture<String> call = guard.call(() -> CompletableFuture.failedFuture(original));

    assertThat(failureOf(call)).isSameAs(thrown);
    assertThat(thrown.getSuppressed()).containsExactly(original);
    assertThat(op(name).failures()).isEqualTo(1);
    assertThat(op(name).fallbacks()).isEqualTo(1);
  }

  @Test
  void aFallbackThatReturnsNullFailsTheCallWithANullPointerExceptionNamingIt() {
    String name = name("fb.null");
    IOException original = new IOException("original");
    AsyncGuard<String> guard = guard(name, f -> null);

    CompletableFuture<String> call = guard.call(() -> CompletableFuture.failedFuture(original));

    Throwable failure = failureOf(call);
    assertThat(failure).isInstanceOf(NullPointerException.class)
        .hasMessageContaining(name + " fallback").hasMessageContaining("null");
    assertThat(failure.getSuppressed()).containsExactly(original);
  }

  @Test
  void aFallbackThatReturnsAFailedFutureFailsTheCallWithThatFailure() {
    String name = name("fb.failed");
    IOException original = new IOException("original");
    IOException second = new IOException("fallback's own failure");
    AsyncGuard<String> guard = guard(name, f -> CompletableFuture.failedFuture(second));

    CompletableFuture<String> call = guard.call(() -> CompletableFuture.failedFuture(original));

    assertThat(failureOf(call)).isSameAs(second);
    assertThat(second.getSuppressed()).containsExactly(original);
  }

  @Test
  void cancellingDuringARetryPauseNeverRunsTheFallback() {
    String name = name("fb.cancelPause");
    AtomicInteger bodies = new AtomicInteger();
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withRetry().maxRetries(3).delay(Duration.ofMillis(150)).done()
        .withFallback().handler(recording(f -> CompletableFuture.completedFuture("x"))).done()
        .build();

    CompletableFuture<String> call = guard.call(() -> {
      bodies.incrementAndGet();
      return CompletableFuture.failedFuture(new IOException("down"));
    });
    assertThat(bodies).hasValue(1); // the first attempt failed; a pause is pending
    assertThat(call.cancel(true)).isTrue();

    // nothing happens afterwards: no retry, no fallback (the pause would have ended by 150 ms)
    await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
        .until(() -> bodies.get() == 1 && fallbacks.get() == 0);
    assertThat(op(name).cancellations()).isEqualTo(1);
    assertThat(op(name).fallbacks()).isZero();
  }

  @Test
  void cancellingTheCallCancelsAFallbackInFlight() {
    String name = name("fb.cancelInFlight");
    CompletableFuture<String> fallbackFuture = new CompletableFuture<>();
    AsyncGuard<String> guard = guard(name, f -> fallbackFuture);

    CompletableFuture<String> call = guard.call(
        () -> CompletableFuture.failedFuture(new IOException("down")));
    assertThat(fallbacks).hasValue(1);
    assertThat(call).isNotDone();

    assertThat(call.cancel(true)).isTrue();

    assertThat(fallbackFuture).isCancelled();
    assertThat(op(name).cancellations()).isEqualTo(1);
    assertThat(op(name).inFlight()).isZero();
  }

  /**
   * A fallback waiting for its runOn loop when the caller cancels never runs, so it is not
   * counted in {@code fallbacks} ("calls in which the fallback ran").
   */
  @Test
  void aFallbackQueuedOnItsLoopWhenTheCallerCancelsNeverRunsAndIsNotCounted() throws Exception {
    String name = name("fb.cancelQueued");
    String loopName = name("fbloop");
    EventLoop loop = EventLoops.start(loopName);
    CountDownLatch release = new CountDownLatch(1);
    try {
      CompletableFuture<String> body = new CompletableFuture<>();
      AsyncGuard<String> guard = Async.<String>guard(name).monitored().runOn(loopName)
          .withFallback().handler(recording(f -> CompletableFuture.completedFuture("x"))).done()
          .build();
      CompletableFuture<String> call = guard.call(() -> body);
      // the body ran on the loop; now hold the loop so the fallback waits behind this task
      CountDownLatch held = new CountDownLatch(1);
      loop.execute(() -> {
        held.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      body.completeExceptionally(new IOException("down")); // the fallback is queued on the loop

      assertThat(call.cancel(true)).isTrue();
      release.countDown();
      CompletableFuture<Void> drained = loop.submit(() -> CompletableFuture.completedFuture(null));
      drained.get(10, TimeUnit.SECONDS);

      assertThat(fallbacks).hasValue(0);
      assertThat(op(name).fallbacks()).isZero();
      assertThat(op(name).cancellations()).isEqualTo(1);
    } finally {
      release.countDown();
      loop.shutdown();
    }
  }

  @Test
  void theFallbackRunsOnTheRunOnLoop() {
    String name = name("fb.loop");
    String loopName = name("fbloop");
    EventLoop loop = EventLoops.start(loopName);
    try {
      CompletableFuture<String> body = new CompletableFuture<>();
      AsyncGuard<String> guard = Async.<String>guard(name).runOn(loopName)
          .withFallback().handler(recording(f -> CompletableFuture.completedFuture("x"))).done()
          .build();
      CompletableFuture<String> call = guard.call(() -> body);
      onThread("failer", () -> body.completeExceptionally(new IOException("down")));
      await().atMost(BOUND).until(call::isDone);
      assertThat(call.join()).isEqualTo("x");
      assertThat(fallbackThread.get()).isEqualTo("fftt-loop-" + loopName);
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void withoutALoopTheFallbackRunsOnTheThreadThatSawTheFailureWithTheCallersMdc() {
    String name = name("fb.thread");
    AtomicReference<String> mdcInFallback = new AtomicReference<>();
    AtomicReference<String> mdcOfFailerAfter = new AtomicReference<>();
    CompletableFuture<String> body = new CompletableFuture<>();
    AsyncGuard<String> guard = guard(name, f -> {
      mdcInFallback.set(MDC.get("request"));
      return CompletableFuture.completedFuture("x");
    });
    MDC.put("request", "caller-42");
    CompletableFuture<String> call;
    try {
      call = guard.call(() -> body);
    } finally {
      MDC.remove("request");
    }

    onThread("failer", () -> {
      MDC.put("request", "failer-own");
      body.completeExceptionally(new IOException("down"));
      mdcOfFailerAfter.set(MDC.get("request"));
    });

    assertThat(call.join()).isEqualTo("x");
    assertThat(fallbackThread.get()).isEqualTo("failer");
    assertThat(mdcInFallback.get()).isEqualTo("caller-42");
    assertThat(mdcOfFailerAfter.get()).isEqualTo("failer-own");
  }

  @Test
  void afterATimeoutTheFallbackRunsOnACompletionThreadNeverTheTimers() {
    String name = name("fb.timeout");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withTimeout(Duration.ofMillis(50))
        .withFallback().handler(recording(f -> CompletableFuture.completedFuture("late"))).done()
        .build();

    CompletableFuture<String> call = guard.call(CompletableFuture::new);

    await().atMost(BOUND).until(call::isDone);
    assertThat(call.join()).isEqualTo("late");
    assertThat(seen.get()).isInstanceOf(AsyncTimeoutException.class);
    assertThat(fallbackThread.get()).startsWith("fftt-completion-");
    assertThat(op(name).successes()).isEqualTo(1);
    assertThat(op(name).timeouts()).isZero();
    assertThat(op(name).fallbacks()).isEqualTo(1);
  }
}
