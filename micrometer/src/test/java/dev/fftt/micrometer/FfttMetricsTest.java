package dev.fftt.micrometer;

import static dev.fftt.micrometer.MeterReads.calls;
import static dev.fftt.micrometer.MeterReads.counter;
import static dev.fftt.micrometer.MeterReads.gauge;
import static dev.fftt.micrometer.MeterReads.idsTagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.spi.ResilienceCounts;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a scripted mix of calls, a {@link SimpleMeterRegistry} bound with {@link FfttMetrics}
 * holds exactly the counts {@link Diagnostics} reports, under exactly the names and tags of the
 * contract.
 */
class FfttMetricsTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Retried by the calls guard. */
  static final class Flaky extends RuntimeException {
    Flaky() {
      super("flaky", null, false, false);
    }
  }

  /** The calls guard's fallback applies to it. */
  static final class Unavailable extends RuntimeException {
    final boolean fallbackFails;

    Unavailable(boolean fallbackFails) {
      super("unavailable", null, false, false);
      this.fallbackFails = fallbackFails;
    }
  }

  private final String prefix = "metrics" + IDS.incrementAndGet() + "-";
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FfttMetrics metrics = new FfttMetrics();
  private final List<CompletableFuture<?>> toComplete = new ArrayList<>();

  @AfterEach
  void unbind() {
    toComplete.forEach(f -> f.complete(null));
    metrics.close();
  }

  @Test
  void aScriptedMixOfCallsIsCountedExactlyAsDiagnosticsCountsIt() {
    metrics.bindTo(registry);
    String op = prefix + "calls";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(100))
        .withRetry().maxRetries(2).delay(Duration.ZERO).retryOn(Flaky.class).done()
        .withFallback().applyOn(Unavailable.class).handler(e -> ((Unavailable) e).fallbackFails
            ? CompletableFuture.failedFuture(new IOException("fallback down"))
            : CompletableFuture.completedFuture("fallback")).done()
        .build();

    // success at once, and success after the call returned (in flight meanwhile)
    guard.call(() -> CompletableFuture.completedFuture("now")).join();
    CompletableFuture<String> later = new CompletableFuture<>();
    CompletableFuture<String> pending = guard.call(() -> later);
    assertThat(registry.find(FfttMeterNames.CALLS_ACTIVE).tag("operation", op).longTaskTimer()
        .activeTasks()).isEqualTo(Diagnostics.operation(op).orElseThrow().inFlight()).isEqualTo(1);
    later.complete("later");
    pending.join();
    // failure (neither retried nor fallen back)
    guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    // timeout: the body's future never completes
    CompletableFuture<String> timedOut = guard.call(CompletableFuture::new);
    // cancelled by the caller
    CompletableFuture<String> cancelled = guard.call(CompletableFuture::new);
    cancelled.cancel(true);
    // two retries, then a success
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<String> third = guard.call(() -> attempts.incrementAndGet() < 3
        ? CompletableFuture.failedFuture(new Flaky()) : CompletableFuture.completedFuture("third"));
    // the fallback runs and succeeds; the fallback runs and fails
    guard.call(() -> CompletableFuture.failedFuture(new Unavailable(false)));
    guard.call(() -> CompletableFuture.failedFuture(new Unavailable(true)));

    await().atMost(BOUND).until(() -> timedOut.isDone() && third.isDone());
    await().atMost(BOUND).until(() -> Diagnostics.operation(op).orElseThrow().inFlight() == 0);
    OperationStats stats = Diagnostics.operation(op).orElseThrow();

    // the script's own counts, so a miscount on both sides cannot pass
    assertThat(stats.successes()).isEqualTo(4);
    assertThat(stats.failures()).isEqualTo(2);
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.cancellations()).isEqualTo(1);
    assertThat(stats.retries()).isEqualTo(2);
    assertThat(stats.fallbacks()).isEqualTo(2);
    // the meters hold exactly those
    assertThat(calls(registry, op, "success")).isEqualTo(stats.successes());
    assertThat(calls(registry, op, "failure")).isEqualTo(stats.failures());
    assertThat(calls(registry, op, "timeout")).isEqualTo(stats.timeouts());
    assertThat(calls(registry, op, "cancelled")).isEqualTo(stats.cancellations());
    assertThat(calls(registry, op, "success", "applied") + calls(registry, op, "failure", "applied")
        + calls(registry, op, "timeout", "applied") + calls(registry, op, "cancelled", "applied"))
        .isEqualTo(stats.fallbacks());
    assertThat(calls(registry, op, "success", "applied")).isEqualTo(1);
    assertThat(calls(registry, op, "failure", "applied")).isEqualTo(1);
    assertThat(counter(registry, FfttMeterNames.RETRIES, Tag.of("operation", op)))
        .isEqualTo(stats.retries());
    assertThat(registry.find(FfttMeterNames.CALLS_ACTIVE).tag("operation", op).longTaskTimer()
        .activeTasks()).isEqualTo(stats.inFlight()).isZero();
    var timeout = registry.find(FfttMeterNames.CALLS).tag("operation", op).tag("outcome", "timeout")
        .tag("fallback", "none").timer();
    assertThat(timeout.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(100);
  }

  @Test
  void aBreakerThatOpensAndRejectsIsCountedAsItsCountsAndItsStateIsOne() {
    metrics.bindTo(registry);
    String op = prefix + "breaker";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withCircuitBreaker().requestVolumeThreshold(4).failureRatio(0.5)
        .delay(Duration.ofHours(1)).done()
        .build();
    assertThat(gauge(registry, FfttMeterNames.CIRCUIT_BREAKER_STATE, Tag.of("operation", op),
        Tag.of("state", "closed"))).isEqualTo(1);

    guard.call(() -> CompletableFuture.completedFuture("a"));
    guard.call(() -> CompletableFuture.failedFuture(new IOException("1")));
    guard.call(() -> CompletableFuture.failedFuture(new IOException("2")));
    guard.call(() -> CompletableFuture.completedFuture("b")); // window full, 2 of 4 failed: open
    CompletableFuture<String> refused1 = guard.call(() -> CompletableFuture.completedFuture("c"));
    CompletableFuture<String> refused2 = guard.call(() -> CompletableFuture.completedFuture("d"));

    assertThat(refused1).isCompletedExceptionally();
    assertThat(refused2).isCompletedExceptionally();
    CircuitBreakerStats breaker = Diagnostics.circuitBreaker(op).orElseThrow();
    assertThat(breaker.state()).isEqualTo("OPEN");
    assertThat(breaker.rejected()).isEqualTo(2);
    for (String result : List.of("success", "failure", "rejected")) {
      assertThat(counter(registry, FfttMeterNames.CIRCUIT_BREAKER_CALLS, Tag.of("operation", op),
          Tag.of("result", result))).as(result)
          .isEqualTo(ResilienceCounts.circuitBreakerCalls(op, result)).isEqualTo(2);
    }
    assertThat(gauge(registry, FfttMeterNames.CIRCUIT_BREAKER_STATE, Tag.of("operation", op),
        Tag.of("state", "open"))).isEqualTo(1);
    assertThat(gauge(registry, FfttMeterNames.CIRCUIT_BREAKER_STATE, Tag.of("operation", op),
        Tag.of("state", "closed"))).isZero();
    assertThat(gauge(registry, FfttMeterNames.CIRCUIT_BREAKER_STATE, Tag.of("operation", op),
        Tag.of("state", "half_open"))).isZero();
    // the rejected calls are failures of the operation, as Diagnostics counts them
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(calls(registry, op, "failure")).isEqualTo(stats.failures()).isEqualTo(4);
    assertThat(calls(registry, op, "success")).isEqualTo(stats.successes()).isEqualTo(2);
  }

  @Test
  void aFullBulkheadsRejectionAndItsOccupancyAreItsCounts() {
    metrics.bindTo(registry);
    String op = prefix + "bulkhead";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withBulkhead().limit(1).queueSize(0).done().build();
    CompletableFuture<String> holding = new CompletableFuture<>();
    toComplete.add(holding);

    CompletableFuture<String> first = guard.call(() -> holding);
    CompletableFuture<String> refused = guard.call(() -> CompletableFuture.completedFuture("no"));

    assertThat(refused).isCompletedExceptionally();
    Tag operation = Tag.of("operation", op);
    assertThat(gauge(registry, FfttMeterNames.BULKHEAD_RUNNING, operation)).isEqualTo(1);
    assertThat(gauge(registry, FfttMeterNames.BULKHEAD_WAITING, operation)).isZero();
    holding.complete("done");
    assertThat(first.join()).isEqualTo("done");
    guard.call(() -> CompletableFuture.completedFuture("again")).join();

    BulkheadStats bulkhead = Diagnostics.bulkhead(op).orElseThrow();
    assertThat(counter(registry, FfttMeterNames.BULKHEAD_CALLS, operation, Tag.of("result", "accepted")))
        .isEqualTo(bulkhead.accepted()).isEqualTo(2);
    assertThat(counter(registry, FfttMeterNames.BULKHEAD_CALLS, operation, Tag.of("result", "rejected")))
        .isEqualTo(bulkhead.rejected()).isEqualTo(1);
    assertThat(gauge(registry, FfttMeterNames.BULKHEAD_RUNNING, operation)).isEqualTo(bulkhead.running())
        .isZero();
    assertThat(Diagnostics.operation(op).orElseThrow().rejections()).isEqualTo(1);
  }

  @Test
  void everyMeterHasExactlyTheContractsNameAndTags() {
    metrics.bindTo(registry);
    String op = prefix + "names";
    Async.<String>guard(op).monitored().withCircuitBreaker().done()
        .withBulkhead().done().build()
        .call(() -> CompletableFuture.completedFuture("x")).join();

    assertThat(idsTagged(registry, "operation", op)).containsExactlyInAnyOrder(
        "fftt.bulkhead.calls{operation=" + op + ",result=accepted}",
        "fftt.bulkhead.calls{operation=" + op + ",result=rejected}",
        "fftt.bulkhead.running{operation=" + op + "}",
        "fftt.bulkhead.waiting{operation=" + op + "}",
        "fftt.calls{fallback=applied,operation=" + op + ",outcome=cancelled}",
        "fftt.calls{fallback=applied,operation=" + op + ",outcome=failure}",
        "fftt.calls{fallback=applied,operation=" + op + ",outcome=success}",
        "fftt.calls{fallback=applied,operation=" + op + ",outcome=timeout}",
        "fftt.calls{fallback=none,operation=" + op + ",outcome=cancelled}",
        "fftt.calls{fallback=none,operation=" + op + ",outcome=failure}",
        "fftt.calls{fallback=none,operation=" + op + ",outcome=success}",
        "fftt.calls{fallback=none,operation=" + op + ",outcome=timeout}",
        "fftt.calls.active{operation=" + op + "}",
        "fftt.circuitbreaker.calls{operation=" + op + ",result=failure}",
        "fftt.circuitbreaker.calls{operation=" + op + ",result=rejected}",
        "fftt.circuitbreaker.calls{operation=" + op + ",result=success}",
        "fftt.circuitbreaker.state{operation=" + op + ",state=closed}",
        "fftt.circuitbreaker.state{operation=" + op + ",state=half_open}",
        "fftt.circuitbreaker.state{operation=" + op + ",state=open}",
        "fftt.retries{operation=" + op + "}");
    assertThat(registry.find("fftt.calls").tag("operation", op).timers())
        .allSatisfy(t -> assertThat(t.takeSnapshot().percentileValues()).isEmpty())
        .allSatisfy(t -> assertThat(t.takeSnapshot().histogramCounts()).isEmpty());
    // an unmonitored guard has breaker and bulkhead meters, and no call meters
    String quiet = prefix + "unmonitored";
    Async.<String>guard(quiet).withCircuitBreaker().done().build()
        .call(() -> CompletableFuture.completedFuture("x")).join();
    assertThat(idsTagged(registry, "operation", quiet)).allMatch(id -> id.startsWith("fftt.circuitbreaker."))
        .hasSize(6);
  }

  @Test
  void aRegistryBoundLaterGetsTheMetersOfWhatExistsAlready() {
    String op = prefix + "early";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    guard.call(() -> CompletableFuture.completedFuture("before")).join();

    metrics.bindTo(registry);
    guard.call(() -> CompletableFuture.completedFuture("after")).join();

    assertThat(calls(registry, op, "success", "none")).isEqualTo(1); // counted from the binding on
    assertThat(Diagnostics.operation(op).orElseThrow().successes()).isEqualTo(2);
  }

  @Test
  void bindingTheSameRegistryTwiceCountsOnceAndEachRegistryCountsEveryCall() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    metrics.bindTo(registry);
    metrics.bindTo(other);
    String op = prefix + "twice";

    Async.<String>guard(op).monitored().build().call(() -> CompletableFuture.completedFuture("x"))
        .join();

    assertThat(calls(registry, op, "success", "none")).isEqualTo(1);
    assertThat(calls(other, op, "success", "none")).isEqualTo(1);
  }

  @Test
  void closeRemovesTheMetersAndStopsRecording() {
    metrics.bindTo(registry);
    String op = prefix + "closed";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().withCircuitBreaker().done().build();
    guard.call(() -> CompletableFuture.completedFuture("x")).join();
    assertThat(idsTagged(registry, "operation", op)).hasSize(16);

    metrics.close();
    metrics.close(); // idempotent
    guard.call(() -> CompletableFuture.completedFuture("y")).join();
    metrics.bindTo(registry); // closed: binds nothing
    Async.<String>guard(prefix + "after-close").monitored().build()
        .call(() -> CompletableFuture.completedFuture("z")).join();

    assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("fftt."));
  }
}
