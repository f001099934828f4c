package dev.fftt.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code blocking=warn} costs a thread that is not a loop thread: {@code LockSupport.park}
 * there runs the agent's entry check (one thread-local read and compare) before it parks. Rows
 * {@code <workload>_none} run without any agent, {@code <workload>_blockingWarn} with the agent
 * and {@code blocking=warn} (its path relative to the repository root, as {@link WovenBenchmarks}
 * has it; run.sh leaves these rows out when the agent is not built). Workloads: {@code parkPair},
 * an unpark of the current thread then a park, which returns at once (the check's cost against
 * the cheapest park there is); {@code parkNanos}, {@code parkNanos(1)}, which really parks (the
 * operating system's timer slack, tens of microseconds).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public class BlockingCheckBenchmarks {

  private static final String WARN = "-javaagent:" + WovenBenchmarks.AGENT + "=blocking=warn";

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
  public void parkPair_none() {
    LockSupport.unpark(Thread.currentThread());
    LockSupport.park();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", WARN})
  public void parkPair_blockingWarn() {
    LockSupport.unpark(Thread.currentThread());
    LockSupport.park();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
  public void parkNanos_none() {
    LockSupport.parkNanos(1);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", WARN})
  public void parkNanos_blockingWarn() {
    LockSupport.parkNanos(1);
  }
}
