package dev.fftt.runtime.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.LoopStats;
import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.FfttListener;
import dev.fftt.runtime.spi.FfttListeners;
import dev.fftt.runtime.spi.ResilienceCounts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What exporters hear through {@link FfttListeners}, and that they can never hurt a call. */
class ExportsTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "exports" + IDS.incrementAndGet() + "-";
  private final RecordingListener recorder = new RecordingListener(prefix);
  private final List<AutoCloseable> registrations = new ArrayList<>();

  private AutoCloseable register(FfttListener listener) {
    AutoCloseable r = FfttListeners.register(listener);
    registrations.add(r);
    return r;
  }

  @AfterEach
  void leave() throws Exception {
    for (AutoCloseable r : registrations) {
      r.close();
    }
  }

  @Test
  void aCallThatEndsAtOnceIsReportedByEndedAloneWithoutToken() {
    register(recorder);
    AsyncGuard<String> guard = Async.<String>guard(prefix + "now").monitored().build();

    guard.call(() -> CompletableFuture.completedFuture("ok")).join();
    guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));

    assertThat(recorder.mine()).containsExactly(
        prefix + "now: added",
        prefix + "now: ended SUCCESS retries=0 fallback=false failure=- token=null",
        prefix + "now: ended FAILURE retries=0 fallback=false failure=IOException token=null");
  }

  @Test
  void aPendingCallBeginsOnTheCallersThreadAndEndsWithItsToken() {
    register(recorder);
    AsyncGuard<String> guard = Async.<String>guard(prefix + "later").monitored().build();
    CompletableFuture<String> body = new CompletableFuture<>();

    CompletableFuture<String> call = guard.call(() -> body);
    assertThat(recorder.mine()).containsExactly(prefix + "later: added",
        prefix + "later: began on " + Thread.currentThread().getName());
    body.complete("done");

    assertThat(call.join()).isEqualTo("done");
    assertThat(recorder.mine()).last().isEqualTo(prefix
        + "later: ended SUCCESS retries=0 fallback=false failure=- token=token-" + prefix + "later");
  }

  @Test
  void retriesTimeoutsAndTheFallbackAreReportedWithTheCallsToken() {
    register(recorder);
    String op = prefix + "flaky";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(50))
        .withRetry().maxRetries(1).delay(Duration.ZERO).done()
        .withFallback().handler(e -> CompletableFuture.completedFuture("cached")).done()
        .build();

    CompletableFuture<String> call = guard.call(CompletableFuture::new); // never completes

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("cached");
    String token = " token=token-" + op;
    await().atMost(BOUND).until(() -> recorder.mine().size() >= 7);
    assertThat(recorder.mine()).containsExactly(
        op + ": added",
        op + ": began on " + Thread.currentThread().getName(),
        op + ": timed out after 50 ms" + token,
        op + ": retry 1 after AsyncTimeoutException" + token,
        op + ": timed out after 50 ms" + token,
        op + ": fallback for AsyncTimeoutException" + token,
        op + ": ended SUCCESS retries=1 fallback=true failure=-" + token);
  }

  @Test
  void aCancelledCallEndsCancelled() {
    register(recorder);
    AsyncGuard<String> guard = Async.<String>guard(prefix + "cancel").monitored().build();

    CompletableFuture<String> call = guard.call(CompletableFuture::new);
    call.cancel(true);

    assertThat(recorder.mine()).last().asString().startsWith(prefix
        + "cancel: ended CANCELLED retries=0 fallback=false failure=CancellationException");
  }

  @Test
  void rejectionsAndBreakerStatesAreReportedOutsideTheBreakersLock() {
    register(recorder);
    String op = prefix + "breaker";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5)
        .delay(Duration.ofHours(1)).done()
        .build();

    guard.call(() -> CompletableFuture.failedFuture(new IOException("1")));
    guard.call(() -> CompletableFuture.failedFuture(new IOException("2")));
    CompletableFuture<String> refused = guard.call(CompletableFuture::new);

    assertThat(refused).isCompletedExceptionally();
    assertThat(recorder.mine()).containsExactly(
        op + ": added",
        op + ": breaker added",
        op + ": ended FAILURE retries=0 fallback=false failure=IOException token=null",
        op + ": breaker CLOSED -> OPEN holding its lock=false",
        op + ": ended FAILURE retries=0 fallback=false failure=IOException token=null",
        op + ": began on " + Thread.currentThread().getName(),
        op + ": rejected by circuitbreaker token=token-" + op,
        op + ": ended FAILURE retries=0 fallback=false failure=CircuitBreakerOpenException"
            + " token=token-" + op);
    assertThat(ResilienceCounts.circuitBreakerCalls(op, "failure")).isEqualTo(2);
    assertThat(ResilienceCounts.circuitBreakerCalls(op, "success")).isZero();
    assertThat(ResilienceCounts.circuitBreakerCalls(op, "rejected")).isEqualTo(1);
    assertThat(ResilienceCounts.circuitBreakerCalls(prefix + "none", "rejected")).isZero();
  }

  @Test
  void aFullBulkheadsRejectionIsReported() {
    register(recorder);
    String op = prefix + "bulkhead";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withBulkhead().limit(1).queueSize(0).done().build();
    CompletableFuture<String> first = new CompletableFuture<>();

    guard.call(() -> first);
    CompletableFuture<String> second = guard.call(CompletableFuture::new);

    assertThat(second).isCompletedExceptionally();
    assertThat(recorder.mine()).contains(op + ": bulkhead added",
        op + ": rejected by bulkhead token=token-" + op);
    first.complete("x");
  }

  @Test
  void aListenerThatThrowsNeverAffectsACallAndIsLoggedOnce() {
    AtomicInteger thrown = new AtomicInteger();
    register(new FfttListener() {
      @Override
      public CallListener operationAdded(String operation) {
        return new CallListener() {
          @Override
          public Object began() {
            thrown.incrementAndGet();
            throw new IllegalStateException("began");
          }

          @Override
          public void ended(Object token, CallOutcome outcome, long nanos, int retries,
              boolean fellBack, Throwable failure) {
            thrown.incrementAndGet();
            throw new IllegalStateException("ended");
          }
        };
      }
    });
    register(recorder); // a second listener still hears everything
    AsyncGuard<String> guard = Async.<String>guard(prefix + "hostile").monitored().build();

    assertThat(guard.call(() -> CompletableFuture.completedFuture("a")).join()).isEqualTo("a");
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> call = guard.call(() -> body);
    body.complete("b");

    assertThat(call.join()).isEqualTo("b");
    assertThat(thrown).hasValue(3);
    assertThat(recorder.mine()).hasSize(4); // added, ended, began, ended
    assertThat(Diagnostics.operation(prefix + "hostile").orElseThrow().successes()).isEqualTo(2);
  }

  @Test
  void aListenerRegisteredLaterHearsOfWhatExistsAndLeavesWhenClosed() throws Exception {
    AsyncGuard<String> guard = Async.<String>guard(prefix + "early").monitored()
        .withCircuitBreaker().done().build();
    guard.call(() -> CompletableFuture.completedFuture("before"));

    AutoCloseable registration = register(recorder);
    guard.call(() -> CompletableFuture.completedFuture("while"));
    registration.close();
    registration.close(); // idempotent
    guard.call(() -> CompletableFuture.completedFuture("after"));

    assertThat(recorder.mine()).containsExactly(
        prefix + "early: breaker added",
        prefix + "early: added",
        prefix + "early: ended SUCCESS retries=0 fallback=false failure=- token=null");
  }

  @Test
  void anUnmonitoredGuardReportsNoCalls() {
    register(recorder);
    Async.<String>guard(prefix + "quiet").withTimeout(Duration.ofSeconds(1)).build()
        .call(() -> CompletableFuture.completedFuture("x")).join();

    assertThat(recorder.mine()).isEmpty();
  }

  @Test
  void aLoopsStallIsReportedWhenFoundAndWhenItEnds() throws Exception {
    register(recorder);
    String name = prefix + "loop";
    EventLoop loop = EventLoops.start(name);
    try {
      CountDownLatch release = new CountDownLatch(1);
      loop.execute(() -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      await().atMost(BOUND).until(() -> stalledNow(name));
      await().atMost(BOUND).until(() -> recorder.mine().contains(name + ": stall found"));
      release.countDown();
      await().atMost(BOUND).until(() -> recorder.mine().contains(name + ": stalled true frames=true"));
      assertThat(recorder.mine()).startsWith(name + ": loop added", name + ": stall found",
          name + ": stalled true frames=true");
    } finally {
      loop.shutdown();
    }
  }

  private static boolean stalledNow(String loop) {
    return Diagnostics.healthReport().loops().stream()
        .anyMatch(l -> l.name().equals(loop) && l.stalledNow());
  }
}
