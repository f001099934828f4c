package dev.fftt.runtime.resilience;

import static dev.fftt.runtime.resilience.Support.BOUND;
import static dev.fftt.runtime.resilience.Support.breaker;
import static dev.fftt.runtime.resilience.Support.failureOf;
import static dev.fftt.runtime.resilience.Support.name;
import static dev.fftt.runtime.resilience.Support.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.OperationStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The order monitor ( fallback ( retry ( circuit breaker ( timeout ( bulkhead ( runOn ( body ) ) ) ) ) ) )
 * and what follows from it, and how the counts add up.
 */
class PolicyOrderTest {

  @Test
  void eachRetryPassesTheBreakerAnewAndTheFallbackGetsTheFinalRefusal() {
    String name = name("order.retryBreaker");
    AtomicInteger bodies = new AtomicInteger();
    AtomicInteger fallbacks = new AtomicInteger();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withRetry().maxRetries(4).done()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done()
        .withFallback().handler(f -> {
          fallbacks.incrementAndGet();
          seen.set(f);
          return CompletableFuture.completedFuture("fallback");
        }).done()
        .build();

    CompletableFuture<String> call = guard.call(() -> {
      bodies.incrementAndGet();
      return CompletableFuture.failedFuture(new IOException("down " + bodies.get()));
    });

    await().atMost(BOUND).until(call::isDone);
    assertThat(call.join()).isEqualTo("fallback");
    // two attempts ran and opened the breaker; the three retries after were refused by it
    assertThat(bodies).hasValue(2);
    assertThat(fallbacks).hasValue(1);
    assertThat(seen.get()).isInstanceOf(CircuitBreakerOpenException.class)
        .hasMessageContaining(name);
    assertThat(breaker(name).state()).isEqualTo("OPEN");
    assertThat(breaker(name).rejected()).isEqualTo(3);
    OperationStats stats = op(name);
    assertThat(stats.calls()).isEqualTo(1);
    assertThat(stats.successes()).isEqualTo(1);
    assertThat(stats.rejections()).isEqualTo(3);
    assertThat(stats.fallbacks()).isEqualTo(1);
    // decided by the implementation (the contract: "retries counts re-invocations"): a refused
    // retry did not invoke the body, so only the one that ran is counted
    assertThat(stats.retries()).isEqualTo(1);
  }

  /**
   * v1: the final failure carries the earlier attempts' failures as suppressed, also when the
   * final one is a refusal ({@code FaultToleranceException} keeps suppression on, its stack trace
   * off).
   */
  @Test
  void aFinalRefusalCarriesTheEarlierFailuresAsSuppressed() {
    String name = name("order.refusalSuppressed");
    AtomicInteger bodies = new AtomicInteger();
    AsyncGuard<String> guard = Async.<String>guard(name)
        .withRetry().maxRetries(3).done()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done()
        .build();

    CompletableFuture<String> call = guard.call(() -> CompletableFuture.failedFuture(
        new IOException("down " + bodies.incrementAndGet())));

    Throwable last = failureOf(call);
    assertThat(last).isInstanceOf(CircuitBreakerOpenException.class);
    assertThat(last.getSuppressed()).hasSize(3);
    assertThat(last.getSuppressed()[0]).hasMessage("down 1");
    assertThat(last.getSuppressed()[1]).hasMessage("down 2");
    assertThat(last.getSuppressed()[2]).isInstanceOf(CircuitBreakerOpenException.class);
  }

  @Test
  void theFallbackSeesOnlyTheFinalFailureWithTheEarlierOnesSuppressed() {
    String name = name("order.final");
    List<Throwable> seen = new ArrayList<>();
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withRetry().maxRetries(2).done()
        .withFallback().handler(f -> {
          synchronized (seen) {
            seen.add(f);
          }
          return CompletableFuture.completedFuture("fb");
        }).done()
        .build();
    AtomicInteger n = new AtomicInteger();
    IOException[] failures = {new IOException("1"), new IOException("2"), new IOException("3")};

    CompletableFuture<String> call = guard.call(
        () -> CompletableFuture.failedFuture(failures[n.getAndIncrement()]));

    await().atMost(BOUND).until(call::isDone);
    assertThat(call.join()).isEqualTo("fb");
    assertThat(seen).containsExactly(failures[2]);
    assertThat(failures[2].getSuppressed()).containsExactly(failures[0], failures[1]);
    assertThat(op(name).retries()).isEqualTo(2);
  }

  @Test
  void theTimeoutPerAttemptIncludesWaitingInTheBulkheadAndIsABreakerFailure() {
    String name = name("order.waitTimeout");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withCircuitBreaker().requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done()
        .withTimeout(Duration.ofMillis(100), false)
        .withBulkhead().limit(1).queueSize(1).done()
        .build();
    // the same operation without a timeout holds the only permit as long as the test wants
    AsyncGuard<String> holder = Async.<String>guard(name)
        .withCircuitBreaker().requestVolumeThreshold(1).failureRatio(1.0)
        .delay(Duration.ofHours(1)).done()
        .withBulkhead().limit(1).queueSize(1).done()
        .build();
    CompletableFuture<String> held = new CompletableFuture<>();
    AtomicInteger bodies = new AtomicInteger();
    holder.call(() -> held);

    CompletableFuture<String> queued = guard.call(() -> {
      bodies.incrementAndGet();
      return CompletableFuture.completedFuture("never");
    });

    assertThat(failureOf(queued)).isInstanceOf(AsyncTimeoutException.class);
    assertThat(bodies).hasValue(0);
    assertThat(Support.bulkhead(name).waiting()).isZero();
    assertThat(breaker(name).state()).isEqualTo("OPEN");
    held.complete("done");
    await().atMost(BOUND).until(() -> Support.bulkhead(name).running() == 0);
  }

  @Test
  void everyCallEndsInExactlyOneCountAndFallbacksAndRejectionsAreCountedApart() {
    String name = name("order.counts");
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withCircuitBreaker().requestVolumeThreshold(100).delay(Duration.ofHours(1)).done()
        .withTimeout(Duration.ofMillis(500))
        .withBulkhead().limit(2).queueSize(0).done()
        .withFallback().applyOn(IOException.class)
        .handler(f -> CompletableFuture.completedFuture("fb")).done()
        .build();
    // the same operation (same monitor, breaker and bulkhead) without a timeout, for the call
    // still in flight at the end
    AsyncGuard<String> patient = Async.<String>guard(name).monitored()
        .withCircuitBreaker().requestVolumeThreshold(100).delay(Duration.ofHours(1)).done()
        .withBulkhead().limit(2).queueSize(0).done()
        .withFallback().applyOn(IOException.class)
        .handler(f -> CompletableFuture.completedFuture("fb")).done()
        .build();

    CompletableFuture<String> success = guard.call(() -> CompletableFuture.completedFuture("v"));
    CompletableFuture<String> failure = guard.call(
        () -> CompletableFuture.failedFuture(new IllegalStateException("no fallback")));
    CompletableFuture<String> fellBack = guard.call(
        () -> CompletableFuture.failedFuture(new IOException("fallback")));
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> inFlight = patient.call(() -> pending); // holds a permit
    CompletableFuture<String> cancelled = guard.call(CompletableFuture::new); // holds the other
    CompletableFuture<String> rejected = guard.call(() -> CompletableFuture.completedFuture("x"));
    assertThat(cancelled.cancel(true)).as("cancelled before its timeout").isTrue();
    assertThat(failureOf(rejected)).isInstanceOf(BulkheadRejectedException.class);
    CompletableFuture<String> timedOut = guard.call(CompletableFuture::new);

    assertThat(success.join()).isEqualTo("v");
    assertThat(failureOf(failure)).isInstanceOf(IllegalStateException.class);
    assertThat(fellBack.join()).isEqualTo("fb");
    assertThat(failureOf(timedOut)).isInstanceOf(AsyncTimeoutException.class);
    assertThat(inFlight).isNotDone();

    OperationStats stats = op(name);
    assertThat(stats.calls()).isEqualTo(7);
    assertThat(stats.successes()).isEqualTo(2);   // success, fellBack
    assertThat(stats.failures()).isEqualTo(2);    // failure, rejected
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.cancellations()).isEqualTo(1);
    assertThat(stats.inFlight()).isEqualTo(1);
    assertThat(stats.successes() + stats.failures() + stats.timeouts() + stats.cancellations()
        + stats.inFlight()).isEqualTo(stats.calls());
    assertThat(stats.fallbacks()).isEqualTo(1);
    assertThat(stats.rejections()).isEqualTo(1);

    pending.complete("late");
    await().atMost(BOUND).until(() -> op(name).inFlight() == 0);
    assertThat(op(name).successes()).isEqualTo(3);
    assertThat(Support.bulkhead(name).running()).isZero();
  }
}
