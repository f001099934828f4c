package dev.fftt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.timer.TimerWheel;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every benchmark row does what its name says: it returns a future that completes with the value,
 * on the calling thread for the synchronous workloads, and a guard on a completed future leaves
 * nothing in our timer. Cheap (each row runs a few times), so the normal build keeps rows honest.
 */
class RowsWorkTest {

  private static final Blackhole BH = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  static List<Method> rows(Class<?> type) {
    List<Method> rows = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(Benchmark.class)) {
        rows.add(m);
      }
    }
    return rows;
  }

  @Test
  void everyRowCompletesWithTheValueAtOnce() throws Exception {
    OneThread bench = new OneThread();
    List<Method> rows = rows(CallBenchmarks.class);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
    for (Method row : rows) {
      for (int i = 0; i < 3; i++) {
        Object result = invoke(bench, row);
        CompletionStage<?> stage = (CompletionStage<?>) result;
        assertThat(stage.toCompletableFuture().isDone()).as(row.getName() + " done at once").isTrue();
        assertThat(stage.toCompletableFuture().get(1, TimeUnit.SECONDS)).as(row.getName())
            .isEqualTo(Workload.VALUE);
      }
    }
  }

  /**
   * Calls a row as JMH would: a {@code Blackhole} or a state (made and set up for this one call,
   * torn down after it) for each parameter.
   */
  private static Object invoke(Object bench, Method row) throws Exception {
    Object[] args = new Object[row.getParameterCount()];
    for (int i = 0; i < args.length; i++) {
      Class<?> type = row.getParameterTypes()[i];
      args[i] = type == Blackhole.class ? BH : type.getConstructor().newInstance();
      if (args[i] instanceof CallBenchmarks.BoundMeters) {
        ((CallBenchmarks.BoundMeters) args[i]).bind();
      }
    }
    try {
      return row.invoke(bench, args);
    } finally {
      for (Object arg : args) {
        if (arg instanceof CallBenchmarks.BoundMeters) {
          ((CallBenchmarks.BoundMeters) arg).close();
        }
      }
    }
  }

  /**
   * The Micrometer rows record every call into the registry their state bound (and only while
   * bound: the exporter is not started in the other rows' forks, whose jar has no service entry);
   * the "denied" row's registry holds no meter at all.
   */
  @Test
  void theMicrometerRowsRecordEachCallInTheirRegistry() {
    OneThread bench = new OneThread();
    CallBenchmarks.SimpleMeters simple = new CallBenchmarks.SimpleMeters();
    CallBenchmarks.PrometheusMeters prometheus = new CallBenchmarks.PrometheusMeters();
    CallBenchmarks.DeniedMeters denied = new CallBenchmarks.DeniedMeters();
    simple.bind();
    prometheus.bind();
    denied.bind();
    for (int i = 0; i < 5; i++) {
      bench.monitor_guardMicrometerSimple(simple);
      bench.monitor_guardMicrometerPrometheus(prometheus);
      bench.monitor_guardMicrometerDenied(denied);
    }
    // each registry hears every call of the operation, whichever row made it
    for (CallBenchmarks.BoundMeters bound : List.of(simple, prometheus)) {
      assertThat(bound.registry.find("fftt.calls").tag("operation", "bench.monitor")
          .tag("outcome", "success").tag("fallback", "none").timer().count())
          .as(bound.getClass().getSimpleName()).isEqualTo(15);
    }
    assertThat(denied.registry.getMeters()).as("every meter denied").isEmpty();
    simple.close();
    prometheus.close();
    denied.close();
    assertThat(simple.registry.getMeters()).as("closed: its meters removed").isEmpty();
    assertThat(prometheus.registry.getMeters()).as("closed: its meters removed").isEmpty();
  }

  /**
   * The woven rows without the agent (Targets' methods are then plain): they too complete with the
   * value at once, so a woven fork measures the guard around a call that works.
   */
  @Test
  void everyWovenRowCompletesWithTheValueWithoutTheAgentToo() throws Exception {
    WovenOneThread bench = new WovenOneThread();
    List<Method> rows = rows(WovenBenchmarks.class);
    assertThat(rows).hasSize(7);
    for (Method row : rows) {
      CompletionStage<?> stage = (CompletionStage<?>) row.invoke(bench);
      assertThat(stage.toCompletableFuture().getNow(null)).as(row.getName()).isEqualTo(Workload.VALUE);
    }
  }

  /**
   * The issue compares every woven row with {@code Guard.call} under the same policy in the same
   * run: {@code w_wovenX} needs {@code w_guardX} (the report pairs them by this name).
   */
  @Test
  void everyWovenRowHasAGuardRowOfTheSameName() {
    List<String> guardRows = new ArrayList<>();
    for (Method m : rows(CallBenchmarks.class)) {
      guardRows.add(m.getName());
    }
    for (Method m : rows(WovenBenchmarks.class)) {
      assertThat(m.getName()).as("woven row name").contains("_woven");
      assertThat(guardRows).as("the guard row of " + m.getName())
          .contains(m.getName().replace("_woven", "_guard"));
    }
  }

  @Test
  void aGuardOnACompletedFutureSchedulesNoTimer() throws Exception {
    OneThread bench = new OneThread();
    TimerWheel wheel = TimerWheel.get();
    waitIdle(wheel);
    for (int i = 0; i < 1000; i++) {
      bench.completed_guard();
      bench.monitor_guard();
    }
    assertThat(wheel.handOverPending()).isFalse();
    assertThat(wheel.pending()).isZero();
  }

  @Test
  void pendingCallsLeaveNothingInTheTimer() throws Exception {
    OneThread bench = new OneThread();
    for (int i = 0; i < 1000; i++) {
      bench.pending_guard();
      bench.retry_guard();
    }
    waitIdle(TimerWheel.get());
  }

  /**
   * Workloads e and f measure the path a healthy call takes: the breakers stay CLOSED (every call
   * a success in the window) and every bulkhead row gives its permit back at the completion, so
   * no row drifts into a refusal while it is measured.
   */
  @Test
  void breakerRowsStayClosedAndBulkheadRowsGiveTheirPermitsBack() {
    OneThread bench = new OneThread();
    for (int i = 0; i < 3 * Workload.BREAKER_WINDOW; i++) {
      bench.breaker_r4j();
      bench.breaker_smallrye();
      bench.breaker_failsafe();
      bench.breaker_async();
      bench.breaker_guard();
      bench.bulkhead_r4j();
      bench.bulkhead_smallrye();
      bench.bulkhead_failsafe();
      bench.bulkhead_async();
      bench.bulkhead_guard();
    }
    for (String name : new String[] {"Targets.breakerOnly", "bench.asyncBreaker"}) {
      CircuitBreakerStats b = Diagnostics.circuitBreaker(name).orElseThrow();
      assertThat(b.state()).as(name).isEqualTo("CLOSED");
      assertThat(b.windowSize()).as(name).isEqualTo(Workload.BREAKER_WINDOW);
      assertThat(b.windowFailures()).as(name).isZero();
      assertThat(b.rejected()).as(name).isZero();
    }
    for (String name : new String[] {"Targets.bulkheadOnly", "bench.asyncBulkhead"}) {
      BulkheadStats b = Diagnostics.bulkhead(name).orElseThrow();
      assertThat(b.maxConcurrent()).as(name).isEqualTo(Workload.BULKHEAD_LIMIT);
      assertThat(b.queueCapacity()).as(name).isEqualTo(Workload.BULKHEAD_QUEUE);
      assertThat(b.running()).as(name + " running").isZero();
      assertThat(b.waiting()).as(name + " waiting").isZero();
      assertThat(b.rejected()).as(name).isZero();
      assertThat(b.accepted()).as(name).isGreaterThanOrEqualTo(3L * Workload.BREAKER_WINDOW);
    }
    assertThat(Peers.R4J_BREAKER.getState().name()).isEqualTo("CLOSED");
    assertThat(Peers.R4J_BULKHEAD.getMetrics().getAvailableConcurrentCalls())
        .isEqualTo(Workload.BULKHEAD_LIMIT);
    assertThat(Peers.FAILSAFE_BULKHEAD_POLICY.tryAcquirePermit()).as("Failsafe permit free").isTrue();
    Peers.FAILSAFE_BULKHEAD_POLICY.releasePermit();
  }

  private static void waitIdle(TimerWheel wheel) {
    await().atMost(Duration.ofSeconds(5))
        .until(() -> !wheel.handOverPending() && wheel.pending() == 0);
    assertThat(wheel.handOverPending()).isFalse();
    assertThat(wheel.pending()).isZero();
  }
}
