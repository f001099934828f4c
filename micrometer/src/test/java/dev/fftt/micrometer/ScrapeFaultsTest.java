package dev.fftt.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scrape that throws or blocks while reading FFTT's breaker and bulkhead meters (they read the
 * runtime's counts on the scraping thread): only the scrape sees it; calls never read them.
 */
@Timeout(60)
class ScrapeFaultsTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  /** A Prometheus registry whose reads of FFTT's gauges and function counters throw or block. */
  static final class FaultyScrape extends PrometheusMeterRegistry {
    final AtomicBoolean throwingGauges = new AtomicBoolean();
    final AtomicBoolean throwingCounters = new AtomicBoolean();
    final AtomicBoolean blocking = new AtomicBoolean();
    final AtomicInteger reads = new AtomicInteger();
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    FaultyScrape() {
      super(PrometheusConfig.DEFAULT);
    }

    private <T> ToDoubleFunction<T> faulty(Meter.Id id, AtomicBoolean throwing,
        ToDoubleFunction<T> read) {
      if (!id.getName().startsWith("fftt.")) {
        return read;
      }
      return source -> {
        reads.incrementAndGet();
        if (throwing.get()) {
          throw new IllegalStateException("backend read broken");
        }
        if (blocking.get()) {
          blocked.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return read.applyAsDouble(source);
      };
    }

    @Override
    protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> f) {
      return super.newGauge(id, obj, faulty(id, throwingGauges, f));
    }

    @Override
    protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> f) {
      return super.newFunctionCounter(id, obj, faulty(id, throwingCounters, f));
    }
  }

  private static AsyncGuard<String> guard(String op) {
    return Async.<String>guard(op).monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5)
        .delay(Duration.ofHours(1)).done()
        .withBulkhead().limit(2).queueSize(0).done()
        .build();
  }

  /** A success, a failure that opens the breaker, a refusal: each with its outcome. */
  private static void callsGoOn(AsyncGuard<String> guard) {
    assertThat(guard.call(() -> CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
    assertThat(failureOf(guard.call(() -> CompletableFuture.failedFuture(new IOException("down")))))
        .isInstanceOf(IOException.class);
    assertThat(failureOf(guard.call(() -> CompletableFuture.completedFuture("refused"))))
        .isInstanceOf(CircuitBreakerOpenException.class);
    OperationStats stats = Diagnostics.operation(guard.name()).orElseThrow();
    assertThat(stats.successes()).isEqualTo(1);
    assertThat(stats.failures()).isEqualTo(2);
    assertThat(stats.inFlight()).isZero();
  }

  @Test
  void gaugeReadsThatThrowGiveNaNInTheScrapeAndLeaveCallsAlone() {
    FaultyScrape registry = new FaultyScrape();
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry);
      String op = "scrape.gaugeThrows";
      AsyncGuard<String> guard = guard(op);
      registry.throwingGauges.set(true);

      callsGoOn(guard);
      assertThat(registry.reads.get()).as("calls read no gauge").isZero();
      String text = registry.scrape();

      assertThat(registry.reads.get()).as("the scrape read them").isPositive();
      // Micrometer's gauges catch what their function throws (and log it): NaN
      assertThat(text.lines()).contains(
          "fftt_circuitbreaker_state{operation=\"" + op + "\",state=\"open\"} NaN",
          "fftt_bulkhead_running{operation=\"" + op + "\"} NaN",
          "fftt_circuitbreaker_calls_total{operation=\"" + op + "\",result=\"rejected\"} 1.0",
          // the call timers are recorded by the calls, not read: intact
          "fftt_calls_seconds_count{fallback=\"none\",operation=\"" + op
              + "\",outcome=\"success\"} 1",
          "fftt_calls_seconds_count{fallback=\"none\",operation=\"" + op
              + "\",outcome=\"failure\"} 2");

      registry.throwingGauges.set(false);
      assertThat(registry.scrape().lines()).as("the next scrape, once reads work again")
          .contains("fftt_circuitbreaker_state{operation=\"" + op + "\",state=\"open\"} 1.0");
    }
  }

  @Test
  void counterReadsThatThrowFailTheScrapeOnlyAndLeaveCallsAlone() {
    FaultyScrape registry = new FaultyScrape();
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry);
      String op = "scrape.counterThrows";
      AsyncGuard<String> guard = guard(op);
      registry.throwingCounters.set(true);

      callsGoOn(guard);
      assertThat(registry.reads.get()).as("calls read no function counter").isZero();
      // Micrometer's function counters do not catch: the scrape itself fails, on its thread
      assertThatThrownBy(registry::scrape).isInstanceOf(IllegalStateException.class)
          .hasMessage("backend read broken");
      callsGoOn(guard(op + ".after"));

      registry.throwingCounters.set(false);
      assertThat(registry.scrape().lines()).as("the next scrape, once reads work again").contains(
          "fftt_circuitbreaker_calls_total{operation=\"" + op + "\",result=\"rejected\"} 1.0",
          "fftt_circuitbreaker_state{operation=\"" + op + "\",state=\"open\"} 1.0");
    }
  }

  @Test
  void aScrapeThatBlocksHoldsOnlyTheScrapingThread() throws Exception {
    FaultyScrape registry = new FaultyScrape();
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry);
      String op = "scrape.blocks";
      AsyncGuard<String> guard = guard(op);
      registry.blocking.set(true);
      CompletableFuture<String> scrape = CompletableFuture.supplyAsync(registry::scrape,
          task -> new Thread(task, "scraper").start());
      assertThat(registry.blocked.await(10, TimeUnit.SECONDS)).isTrue();

      callsGoOn(guard); // while the scrape is held inside a read

      assertThat(scrape).isNotDone();
      registry.blocking.set(false);
      registry.release.countDown();
      String text = scrape.get(10, TimeUnit.SECONDS);
      // what it read after it was released is the runtime's count at that moment
      assertThat(text.lines()).contains(
          "fftt_circuitbreaker_state{operation=\"" + op + "\",state=\"open\"} 1.0");
    } finally {
      registry.release.countDown();
    }
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
