package dev.fftt.micrometer;

import static dev.fftt.micrometer.MeterReads.calls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A meter registry that throws, when meters are registered or when they record, never affects a call. */
class ThrowingRegistryTest {

  /** Records nothing: every timer and long task timer it makes throws when used. */
  static final class BrokenBackend extends SimpleMeterRegistry {
    final AtomicInteger throwsSeen = new AtomicInteger();

    BrokenBackend() {
      super(SimpleConfig.DEFAULT, Clock.SYSTEM);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pause) {
      return new CumulativeTimer(id, clock, config, pause, TimeUnit.SECONDS) {
        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
          throwsSeen.incrementAndGet();
          throw new IllegalStateException("backend down");
        }
      };
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
      return new DefaultLongTaskTimer(id, clock, TimeUnit.SECONDS, config, false) {
        @Override
        public Sample start() {
          throwsSeen.incrementAndGet();
          throw new IllegalStateException("backend down");
        }
      };
    }
  }

  private static AsyncGuard<String> guard(String op) {
    return Async.<String>guard(op).monitored().withTimeout(Duration.ofSeconds(10))
        .withCircuitBreaker().done().withBulkhead().done().build();
  }

  /** A success at once, a failure at once, a success in flight: the results and counts are right. */
  private static void callsGoOnAsIfNothingWereBound(AsyncGuard<String> guard) {
    assertThat(guard.call(() -> CompletableFuture.completedFuture("a")).join()).isEqualTo("a");
    CompletableFuture<String> failed =
        guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    assertThat(failed).isCompletedExceptionally();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> pending = guard.call(() -> body);
    body.complete("b");
    assertThat(pending.join()).isEqualTo("b");

    OperationStats stats = Diagnostics.operation(guard.name()).orElseThrow();
    assertThat(stats.successes()).isEqualTo(2);
    assertThat(stats.failures()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
  }

  @Test
  void aMeterFilterThatThrowsOnMapLeavesCallsAlone() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger mapped = new AtomicInteger();
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        mapped.incrementAndGet();
        throw new IllegalStateException("filter broken");
      }
    });
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry); // does not throw either

      callsGoOnAsIfNothingWereBound(guard("throwing-filter"));

      assertThat(mapped.get()).as("the filter was asked, and threw").isPositive();
      assertThat(registry.getMeters()).isEmpty();
    }
  }

  @Test
  void aBackendThatThrowsWhenRecordingLeavesCallsAloneAndOtherRegistriesCounting() {
    BrokenBackend broken = new BrokenBackend();
    SimpleMeterRegistry healthy = new SimpleMeterRegistry();
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(broken);
      metrics.bindTo(healthy);
      AsyncGuard<String> guard = guard("throwing-backend");

      callsGoOnAsIfNothingWereBound(guard);

      assertThat(broken.throwsSeen.get()).as("timer records and the long task timer's start")
          .isEqualTo(4);
      assertThat(calls(healthy, guard.name(), "success", "none")).isEqualTo(2);
      assertThat(calls(healthy, guard.name(), "failure", "none")).isEqualTo(1);
    }
  }
}
