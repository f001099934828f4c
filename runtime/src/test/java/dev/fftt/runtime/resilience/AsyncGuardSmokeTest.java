package dev.fftt.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The three policies through {@link AsyncGuard}, end to end, one behaviour each. */
class AsyncGuardSmokeTest {

  @Test
  void breakerOpensAtTheThresholdAndRefusesWithoutCallingTheBody() {
    AsyncGuard<String> guard = Async.<String>guard("smoke.breaker")
        .withCircuitBreaker().requestVolumeThreshold(4).failureRatio(0.5)
        .delay(Duration.ofHours(1)).done()
        .monitored().build();
    AtomicInteger bodies = new AtomicInteger();
    // 2 successes, 1 failure: window 3 of 4, not full
    guard.call(() -> { bodies.incrementAndGet(); return CompletableFuture.completedFuture("a"); });
    guard.call(() -> { bodies.incrementAndGet(); return CompletableFuture.completedFuture("b"); });
    guard.call(() -> { bodies.incrementAndGet(); return CompletableFuture.failedFuture(new IOException("x")); });
    assertThat(Diagnostics.circuitBreaker("smoke.breaker")).get()
        .extracting(CircuitBreakerStats::state).isEqualTo("CLOSED");
    // the 4th outcome fills the window with 2 failures of 4 = 0.5: opens
    guard.call(() -> { bodies.incrementAndGet(); return CompletableFuture.failedFuture(new IOException("y")); });
    assertThat(Diagnostics.circuitBreaker("smoke.breaker").orElseThrow().state()).isEqualTo("OPEN");

    CompletableFuture<String> refused = guard.call(() -> {
      bodies.incrementAndGet();
      return CompletableFuture.completedFuture("never");
    });
    assertThat(bodies).hasValue(4);
    assertThat(refused).isCompletedExceptionally();
    assertThat(failureOf(refused)).isInstanceOf(CircuitBreakerOpenException.class)
        .hasMessageContaining("smoke.breaker");
    assertThat(Diagnostics.operation("smoke.breaker").orElseThrow().rejections()).isEqualTo(1);
    assertThat(Diagnostics.healthReport().issues())
        .anyMatch(i -> i.startsWith("circuit breaker 'smoke.breaker' is OPEN: 2 of 4 recent"
            + " attempts failed; next trial in"));
  }

  @Test
  void bulkheadQueuesInOrderAndRejectsBeyondTheRoom() {
    AsyncGuard<Integer> guard = Async.<Integer>guard("smoke.bulkhead")
        .withBulkhead().limit(1).queueSize(2).done().build();
    List<CompletableFuture<Integer>> bodies = new ArrayList<>();
    List<Integer> started = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int n = i;
      CompletableFuture<Integer> body = new CompletableFuture<>();
      bodies.add(body);
      calls.add(guard.call(() -> { started.add(n); return body; }));
    }
    assertThat(started).containsExactly(0);
    assertThat(failureOf(calls.get(3))).isInstanceOf(BulkheadRejectedException.class);
    assertThat(Diagnostics.bulkhead("smoke.bulkhead").orElseThrow().waiting()).isEqualTo(2);
    bodies.get(0).complete(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
    bodies.get(1).complete(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
    bodies.get(2).complete(2);
    assertThat(started).containsExactly(0, 1, 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> calls.get(2).isDone());
    assertThat(calls.get(2).join()).isEqualTo(2);
    assertThat(Diagnostics.bulkhead("smoke.bulkhead").orElseThrow().running()).isZero();
  }

  @Test
  void fallbackCompletesTheCallWithTheFinalFailure() {
    AsyncGuard<String> guard = Async.<String>guard("smoke.fallback")
        .withRetry().maxRetries(2).done()
        .withFallback().handler(f -> CompletableFuture.completedFuture("fallback:" + f.getMessage())).done()
        .monitored().build();
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> r = guard.call(() ->
        CompletableFuture.failedFuture(new IOException("down " + attempts.incrementAndGet())));
    await().atMost(Duration.ofSeconds(5)).until(r::isDone);
    assertThat(r.join()).isEqualTo("fallback:down 3");
    assertThat(Diagnostics.operation("smoke.fallback").orElseThrow())
        .satisfies(o -> {
          assertThat(o.calls()).isEqualTo(1);
          assertThat(o.successes()).isEqualTo(1);
          assertThat(o.retries()).isEqualTo(2);
          assertThat(o.fallbacks()).isEqualTo(1);
        });
  }

  static Throwable failureOf(CompletableFuture<?> f) {
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
