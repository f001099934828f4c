package dev.fftt.benchmarks;

import dev.failsafe.function.CheckedSupplier;
import dev.fftt.micrometer.FfttMetrics;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.internal.guard.Attempt;
import dev.fftt.runtime.internal.guard.Guard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every peer on every workload. Method names are {@code workload_peer}:
 * <ul>
 *   <li>{@code completed_*} (a): timeout (+ monitor for ours) around an operation whose future is
 *       already complete; {@code completed_none} is the unguarded baseline;
 *   <li>{@code pending_*} (b): the operation returns a new pending future that the benchmark
 *       completes right after the call, so a timeout is scheduled and then cancelled;
 *       {@code pending_none} is the unguarded baseline (the new future, completed);
 *   <li>{@code monitor_*} (c): monitor only, on a completed future; {@code monitor_nanoTime2}
 *       is the baseline: the same call bracketed by the two {@code System.nanoTime()} a
 *       latency needs; {@code monitor_guardMicrometerSimple} and
 *       {@code monitor_guardMicrometerPrometheus} are {@code monitor_guard} with the Micrometer
 *       exporter bound (to a {@code SimpleMeterRegistry}, a {@code PrometheusMeterRegistry}) in
 *       their fork only, and {@code monitor_guardMicrometerDenied} with it bound to a registry of
 *       no-op meters (FFTT's own part of the exporter);
 *   <li>{@code retry_*} (d): retry (3, at once) + timeout (+ monitor for ours), pending future,
 *       the first attempt succeeds;
 *   <li>{@code breaker_*} (e): circuit breaker only, on a completed future; every call succeeds,
 *       so it stays CLOSED; the baseline is {@code completed_none};
 *   <li>{@code bulkhead_*} (f): bulkhead only, around a pending future completed right after the
 *       call (a permit taken at the call, given back at the completion); never full; the
 *       baseline is {@code pending_none}.
 * </ul>
 * Peers: {@code jdk} ({@code copy().orTimeout()}), {@code r4j} (Resilience4j), {@code smallrye},
 * {@code failsafe}, {@code async} (our public {@code Async.withTimeout}/{@code Async.safe}; in e
 * and f an {@code AsyncGuard} built once),
 * {@code guard} (our runtime called with the policy an annotated method resolves to: what woven
 * code runs; timeout + monitor), {@code guardNoMonitor}, {@code byHand} (LongAdder + HdrHistogram
 * Recorder written inline). The woven rows are in {@link WovenBenchmarks}.
 *
 * <p>Run with 1 thread ({@link OneThread}) and 2 threads ({@link TwoThreads}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public abstract class CallBenchmarks {

  /** The pending future of the current call (workloads b and d): one per thread. */
  CompletableFuture<String> current;

  /** Returns {@link #current}: allocated once, so no row pays for a capturing lambda. */
  final Supplier<CompletionStage<String>> pendingOp = () -> current;
  final Attempt<String> pendingAttempt = () -> current;
  final CheckedSupplier<CompletionStage<String>> failsafeOp = () -> current;
  static final Supplier<CompletionStage<String>> DONE_OP = () -> Workload.DONE;
  static final Attempt<String> DONE_ATTEMPT = () -> Workload.DONE;

  final Supplier<CompletionStage<String>> r4jTimeout =
      Peers.R4J_TIME_LIMITER.decorateCompletionStage(Peers.scheduler(), pendingOp);
  final Supplier<CompletionStage<String>> r4jTimeoutDone =
      Peers.R4J_TIME_LIMITER.decorateCompletionStage(Peers.scheduler(), DONE_OP);
  final Supplier<CompletionStage<String>> r4jRetryTimeout =
      Peers.R4J_RETRY.decorateCompletionStage(Peers.scheduler(), r4jTimeout);
  static final Supplier<CompletionStage<String>> R4J_BREAKER_DONE =
      io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateCompletionStage(
          Peers.R4J_BREAKER, DONE_OP);
  final Supplier<CompletionStage<String>> r4jBulkhead =
      io.github.resilience4j.bulkhead.Bulkhead.decorateCompletionStage(Peers.R4J_BULKHEAD, pendingOp);

  /** Our public API for code without annotations, with the policies of workloads e and f. */
  static final AsyncGuard<String> ASYNC_BREAKER = Async.<String>guard("bench.asyncBreaker")
      .withCircuitBreaker().requestVolumeThreshold(Workload.BREAKER_WINDOW)
          .failureRatio(Workload.BREAKER_FAILURE_RATIO).delay(Workload.BREAKER_DELAY).done()
      .build();
  static final AsyncGuard<String> ASYNC_BULKHEAD = Async.<String>guard("bench.asyncBulkhead")
      .withBulkhead().limit(Workload.BULKHEAD_LIMIT).queueSize(Workload.BULKHEAD_QUEUE).done()
      .build();

  static CompletableFuture<String> operationDone() {
    return Workload.DONE;
  }

  private CompletableFuture<String> next() {
    CompletableFuture<String> f = new CompletableFuture<>();
    current = f;
    return f;
  }

  // ---------------------------------------------------------------- (a) completed future

  @Benchmark
  public CompletableFuture<String> completed_none() {
    return operationDone();
  }

  @Benchmark
  public CompletableFuture<String> completed_jdk() {
    return operationDone().copy().orTimeout(Workload.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Benchmark
  public CompletionStage<String> completed_r4j() {
    return r4jTimeoutDone.get();
  }

  @Benchmark
  public CompletionStage<String> completed_smallrye() {
    return Peers.SMALLRYE_TIMEOUT.get(DONE_OP);
  }

  @Benchmark
  public CompletableFuture<String> completed_failsafe() {
    return Peers.FAILSAFE_TIMEOUT.getStageAsync(CallBenchmarks::operationDone);
  }

  @Benchmark
  public CompletableFuture<String> completed_async() {
    return Async.withTimeout(operationDone(), Workload.TIMEOUT);
  }

  @Benchmark
  public CompletableFuture<String> completed_guard() {
    return Guard.call(Policies.TIMEOUT_MONITOR, DONE_ATTEMPT);
  }

  // ---------------------------------------------------------------- (b) pending future

  @Benchmark
  public CompletableFuture<String> pending_none() {
    CompletableFuture<String> f = next();
    f.complete(Workload.VALUE);
    return f;
  }

  @Benchmark
  public CompletableFuture<String> pending_jdk() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = f.copy().orTimeout(Workload.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletionStage<String> pending_r4j() {
    CompletableFuture<String> f = next();
    CompletionStage<String> r = r4jTimeout.get();
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletionStage<String> pending_smallrye() {
    CompletableFuture<String> f = next();
    CompletionStage<String> r = Peers.SMALLRYE_TIMEOUT.get(pendingOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> pending_failsafe() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Peers.FAILSAFE_TIMEOUT.getStageAsync(failsafeOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> pending_async() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Async.withTimeout(f, Workload.TIMEOUT);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> pending_guard() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Guard.call(Policies.TIMEOUT_MONITOR, pendingAttempt);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> pending_guardNoMonitor() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Guard.call(Policies.TIMEOUT_ONLY, pendingAttempt);
    f.complete(Workload.VALUE);
    return r;
  }

  // ---------------------------------------------------------------- (c) monitor only

  /** The latency the baseline computes, kept in a field (as a monitor keeps it somewhere). */
  long lastLatency;

  @Benchmark
  public CompletableFuture<String> monitor_nanoTime2() {
    long start = System.nanoTime();
    CompletableFuture<String> r = operationDone();
    lastLatency = System.nanoTime() - start;
    return r;
  }

  @Benchmark
  public CompletableFuture<String> monitor_byHand() {
    long start = System.nanoTime();
    CompletableFuture<String> r = operationDone();
    Peers.HAND_LATENCY.recordValue(System.nanoTime() - start);
    Peers.HAND_COUNT.increment();
    return r;
  }

  @Benchmark
  public CompletableFuture<String> monitor_guard() {
    return Guard.call(Policies.MONITOR_ONLY, DONE_ATTEMPT);
  }

  /**
   * The Micrometer exporter ({@code FfttMetrics}) bound to a registry for the whole fork of the
   * row that takes it (JMH forks each row), closed at its end: every other row runs without it.
   */
  @State(Scope.Benchmark)
  public abstract static class BoundMeters {
    final FfttMetrics metrics = new FfttMetrics();
    final MeterRegistry registry = newRegistry();

    abstract MeterRegistry newRegistry();

    @Setup(Level.Trial)
    public void bind() {
      metrics.bindTo(registry);
    }

    @TearDown(Level.Trial)
    public void close() {
      metrics.close();
    }
  }

  /** Micrometer's {@code SimpleMeterRegistry} (cumulative, its default). */
  @State(Scope.Benchmark)
  public static class SimpleMeters extends BoundMeters {
    @Override
    MeterRegistry newRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  /** Micrometer's {@code PrometheusMeterRegistry} (Prometheus client 1.x), default config. */
  @State(Scope.Benchmark)
  public static class PrometheusMeters extends BoundMeters {
    @Override
    MeterRegistry newRegistry() {
      return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
  }

  /**
   * A registry whose {@code MeterFilter} denies every meter, so each is a no-op: what is left is
   * FFTT's own part of the exporter (the listener's dispatch, the meter look-up), without
   * Micrometer's recording.
   */
  @State(Scope.Benchmark)
  public static class DeniedMeters extends BoundMeters {
    @Override
    MeterRegistry newRegistry() {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      registry.config().meterFilter(MeterFilter.deny());
      return registry;
    }
  }

  /** {@link #monitor_guard} with the Micrometer exporter bound to a {@code SimpleMeterRegistry}. */
  @Benchmark
  public CompletableFuture<String> monitor_guardMicrometerSimple(SimpleMeters bound) {
    return Guard.call(Policies.MONITOR_ONLY, DONE_ATTEMPT);
  }

  /** {@link #monitor_guard} with the Micrometer exporter bound to a registry of no-op meters. */
  @Benchmark
  public CompletableFuture<String> monitor_guardMicrometerDenied(DeniedMeters bound) {
    return Guard.call(Policies.MONITOR_ONLY, DONE_ATTEMPT);
  }

  /** {@link #monitor_guard} with the Micrometer exporter bound to a {@code PrometheusMeterRegistry}. */
  @Benchmark
  public CompletableFuture<String> monitor_guardMicrometerPrometheus(PrometheusMeters bound) {
    return Guard.call(Policies.MONITOR_ONLY, DONE_ATTEMPT);
  }

  // ---------------------------------------------------------------- (d) retry, first attempt succeeds

  @Benchmark
  public CompletionStage<String> retry_r4j() {
    CompletableFuture<String> f = next();
    CompletionStage<String> r = r4jRetryTimeout.get();
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletionStage<String> retry_smallrye() {
    CompletableFuture<String> f = next();
    CompletionStage<String> r = Peers.SMALLRYE_RETRY_TIMEOUT.get(pendingOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> retry_failsafe() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Peers.FAILSAFE_RETRY_TIMEOUT.getStageAsync(failsafeOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> retry_async() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Async.safe(pendingOp, Workload.TIMEOUT, Workload.RETRIES);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> retry_guard() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Guard.call(Policies.RETRY_TIMEOUT_MONITOR, pendingAttempt);
    f.complete(Workload.VALUE);
    return r;
  }

  // ---------------------------------------------------------------- (e) closed circuit breaker, completed future

  @Benchmark
  public CompletionStage<String> breaker_r4j() {
    return R4J_BREAKER_DONE.get();
  }

  @Benchmark
  public CompletionStage<String> breaker_smallrye() {
    return Peers.SMALLRYE_BREAKER.get(DONE_OP);
  }

  @Benchmark
  public CompletableFuture<String> breaker_failsafe() {
    return Peers.FAILSAFE_BREAKER.getStageAsync(CallBenchmarks::operationDone);
  }

  @Benchmark
  public CompletableFuture<String> breaker_async() {
    return ASYNC_BREAKER.call(DONE_OP);
  }

  @Benchmark
  public CompletableFuture<String> breaker_guard() {
    return Guard.call(Policies.BREAKER_ONLY, DONE_ATTEMPT);
  }

  // ---------------------------------------------------------------- (f) bulkhead, pending future

  @Benchmark
  public CompletionStage<String> bulkhead_r4j() {
    CompletableFuture<String> f = next();
    CompletionStage<String> r = r4jBulkhead.get();
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletionStage<String> bulkhead_smallrye() {
    CompletableFuture<String> f = next();
    CompletionStage<String> r = Peers.SMALLRYE_BULKHEAD.get(pendingOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> bulkhead_failsafe() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Peers.FAILSAFE_BULKHEAD.getStageAsync(failsafeOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> bulkhead_async() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = ASYNC_BULKHEAD.call(pendingOp);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> bulkhead_guard() {
    CompletableFuture<String> f = next();
    CompletableFuture<String> r = Guard.call(Policies.BULKHEAD_ONLY, pendingAttempt);
    f.complete(Workload.VALUE);
    return r;
  }
}
