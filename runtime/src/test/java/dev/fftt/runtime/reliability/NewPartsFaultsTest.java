package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.FfttListener;
import dev.fftt.runtime.spi.FfttListeners;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults in the round-two parts: a circuit breaker's trial that hangs, a bulkhead whose running
 * calls are all cancelled, an exporter that blocks. Each ends in its documented outcome and
 * leaves the counts exact.
 */
@Timeout(60)
class NewPartsFaultsTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String name(String what) {
    return "faults2." + what + "." + NAMES.incrementAndGet();
  }

  private static CompletableFuture<String> failing() {
    return CompletableFuture.failedFuture(new IOException("down"));
  }

  /** Opens the breaker of {@code guard} with {@code window} failures, then waits out its delay. */
  private static void openAndWaitForHalfOpen(AsyncGuard<String> guard, String name, int window) {
    for (int i = 0; i < window; i++) {
      guard.call(NewPartsFaultsTest::failing);
    }
    assertThat(Diagnostics.circuitBreaker(name).orElseThrow().state()).isEqualTo("OPEN");
    await().atMost(BOUND).until(
        () -> Diagnostics.circuitBreaker(name).orElseThrow().state().equals("HALF_OPEN"));
  }

  @Test
  void aHangingTrialWithATimeoutTimesOutAndOpensTheBreakerAgain() {
    String name = name("trialTimeout");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(1.0)
        .delay(Duration.ofMillis(50)).done()
        .withTimeout(Duration.ofMillis(100))
        .build();
    openAndWaitForHalfOpen(guard, name, 2);

    CompletableFuture<String> hanging = new CompletableFuture<>();
    CompletableFuture<String> trial = guard.call(() -> hanging);
    Throwable refused = catchFailure(guard.call(() -> CompletableFuture.completedFuture("x")));

    assertThat(refused).as("the other call while the trial runs").isInstanceOf(
        CircuitBreakerOpenException.class);
    assertThat(catchFailure(trial)).isInstanceOf(AsyncTimeoutException.class);
    assertThat(hanging).isCancelled();
    CircuitBreakerStats breaker = Diagnostics.circuitBreaker(name).orElseThrow();
    assertThat(breaker.state()).isIn("OPEN", "HALF_OPEN"); // opened again (its delay is short)
    assertThat(breaker.opened()).isEqualTo(2);
    OperationStats s = Diagnostics.operation(name).orElseThrow();
    assertThat(s.timeouts()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void aHangingTrialWithoutATimeoutHoldsTheBreakerHalfOpenUntilTheCallerCancelsIt() {
    String name = name("trialHangs");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(1.0)
        .delay(Duration.ofMillis(50)).done()
        .build();
    openAndWaitForHalfOpen(guard, name, 2);

    CompletableFuture<String> hanging = new CompletableFuture<>();
    CompletableFuture<String> trial = guard.call(() -> hanging);
    for (int i = 0; i < 5; i++) {
      assertThat(catchFailure(guard.call(() -> CompletableFuture.completedFuture("x"))))
          .isInstanceOf(CircuitBreakerOpenException.class);
    }
    assertThat(Diagnostics.circuitBreaker(name).orElseThrow().state()).isEqualTo("HALF_OPEN");

    trial.cancel(true);

    // its place is back: the next call is the trial, and its success closes the breaker
    assertThat(hanging).isCancelled();
    assertThat(guard.call(() -> CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
    CircuitBreakerStats breaker = Diagnostics.circuitBreaker(name).orElseThrow();
    assertThat(breaker.state()).isEqualTo("CLOSED");
    assertThat(breaker.rejected()).isEqualTo(5);
    OperationStats s = Diagnostics.operation(name).orElseThrow();
    assertThat(s.cancellations()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void aBulkheadWhoseRunningCallsAreAllCancelledHandsEveryPermitToTheWaitersInOrder() {
    String name = name("bulkheadCancelled");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withBulkhead().limit(4).queueSize(8).done()
        .build();
    List<CompletableFuture<String>> bodies = new ArrayList<>();
    List<CompletableFuture<String>> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<String> body = new CompletableFuture<>();
      bodies.add(body);
      running.add(guard.call(() -> body));
    }
    List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "w" + i;
      waiting.add(guard.call(() -> {
        started.add(id);
        return CompletableFuture.completedFuture(id);
      }));
    }
    BulkheadStats full = Diagnostics.bulkhead(name).orElseThrow();
    assertThat(full.running()).isEqualTo(4);
    assertThat(full.waiting()).isEqualTo(6);

    running.forEach(f -> f.cancel(true));

    for (int i = 0; i < 6; i++) {
      assertThat(waiting.get(i).orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("w" + i);
    }
    assertThat(bodies).allMatch(CompletableFuture::isCancelled);
    await().atMost(BOUND).until(() -> Diagnostics.bulkhead(name).orElseThrow().running() == 0);
    BulkheadStats after = Diagnostics.bulkhead(name).orElseThrow();
    assertThat(after.waiting()).isZero();
    assertThat(after.accepted()).isEqualTo(10);
    assertThat(after.rejected()).isZero();
    // every waiter ran once (permits go first in, first out; each granted waiter then starts on
    // a completion thread, so waiters granted together may start in either order)
    assertThat(started).containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4", "w5");
    OperationStats s = Diagnostics.operation(name).orElseThrow();
    assertThat(s.cancellations()).isEqualTo(4);
    assertThat(s.successes()).isEqualTo(6);
    assertThat(s.inFlight()).isZero();
  }

  /**
   * An exporter whose listener blocks holds the thread it is called on: the call it hears end
   * completes its caller's future only when the listener returns (the listener hears the end
   * first, so an exporter's span or meter is written by the time the caller sees the result);
   * other calls, their timeouts included, go on.
   */
  @Test
  void anExporterThatBlocksHoldsOnlyTheThreadItRunsOn() throws Exception {
    String name = name("blockingExporter");
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AutoCloseable registration = FfttListeners.register(new FfttListener() {
      @Override
      public CallListener operationAdded(String operation) {
        if (!operation.equals(name)) {
          return null;
        }
        return new CallListener() {
          @Override
          public void ended(Object token, CallOutcome outcome, long nanos, int retries,
              boolean fellBack, Throwable failure) {
            inListener.countDown();
            try {
              release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
      }
    });
    try {
      AsyncGuard<String> guard = Async.<String>guard(name).monitored().build();
      CompletableFuture<String> body = new CompletableFuture<>();
      CompletableFuture<String> call = guard.call(() -> body);
      Thread completer = new Thread(() -> body.complete("v"), "completer");
      completer.start();
      assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(call).as("completed while its listener blocks").isNotDone();
      // other calls and timeouts go on meanwhile
      CompletableFuture<String> other = Async.<String>guard(name("other")).monitored()
          .withTimeout(Duration.ofMillis(50)).build().call(CompletableFuture::new);
      assertThat(catchFailure(other)).isInstanceOf(AsyncTimeoutException.class);

      release.countDown();
      completer.join(10_000);
      assertThat(call.join()).isEqualTo("v");
      assertThat(Diagnostics.operation(name).orElseThrow().successes()).isEqualTo(1);
    } finally {
      release.countDown();
      registration.close();
    }
  }

  private static Throwable catchFailure(CompletableFuture<?> f) {
    await().atMost(BOUND).until(f::isDone);
    try {
      f.join();
    } catch (CompletionException e) {
      return e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }
}
