package dev.fftt.benchmarks;

import dev.fftt.runtime.Diagnostics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The woven rows: {@link Targets}' annotated methods in a JVM started with our agent. The fork's
 * {@code -javaagent:} path is relative to the repository root, where {@code benchmarks/run.sh}
 * runs JMH and copies the built agent to; without it these rows are left out (run.sh says so).
 * Setup fails loudly if the methods turn out not to be woven.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-javaagent:" + WovenBenchmarks.AGENT})
@State(Scope.Thread)
public abstract class WovenBenchmarks {

  /** Where run.sh puts the agent, relative to the repository root. */
  public static final String AGENT = "benchmarks/target/agent/fftt-agent.jar";

  final Targets targets = new Targets();

  @Setup(Level.Trial)
  public void checkWoven() {
    targets.monitorOnly(Workload.DONE);
    if (Diagnostics.operation("bench.monitor").isEmpty()) {
      throw new IllegalStateException("Targets is not woven: is " + AGENT + " the FFTT agent?");
    }
    // no monitor on these two: their breaker and bulkhead exist once a woven call made them
    targets.breakerOnly(Workload.DONE);
    targets.bulkheadOnly(Workload.DONE);
    if (Diagnostics.circuitBreaker("Targets.breakerOnly").isEmpty()
        || Diagnostics.bulkhead("Targets.bulkheadOnly").isEmpty()) {
      throw new IllegalStateException("Targets.breakerOnly/bulkheadOnly are not woven with their"
          + " circuit breaker and bulkhead: is " + AGENT + " the FFTT agent of this build?");
    }
  }

  @Benchmark
  public CompletableFuture<String> completed_woven() {
    return targets.timeoutMonitor(Workload.DONE);
  }

  @Benchmark
  public CompletableFuture<String> pending_woven() {
    CompletableFuture<String> f = new CompletableFuture<>();
    CompletableFuture<String> r = targets.timeoutMonitor(f);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> pending_wovenNoMonitor() {
    CompletableFuture<String> f = new CompletableFuture<>();
    CompletableFuture<String> r = targets.timeoutOnly(f);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> monitor_woven() {
    return targets.monitorOnly(Workload.DONE);
  }

  @Benchmark
  public CompletableFuture<String> retry_woven() {
    CompletableFuture<String> f = new CompletableFuture<>();
    CompletableFuture<String> r = targets.retryTimeoutMonitor(f);
    f.complete(Workload.VALUE);
    return r;
  }

  @Benchmark
  public CompletableFuture<String> breaker_woven() {
    return targets.breakerOnly(Workload.DONE);
  }

  @Benchmark
  public CompletableFuture<String> bulkhead_woven() {
    CompletableFuture<String> f = new CompletableFuture<>();
    CompletableFuture<String> r = targets.bulkheadOnly(f);
    f.complete(Workload.VALUE);
    return r;
  }
}
