package dev.fftt.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.spi.Scheduler;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The peers, configured once per JVM as an application would configure them, each with the
 * settings that suit this workload best (see benchmarks/README.md, "Peers"):
 * <ul>
 *   <li>Resilience4j: a {@code TimeLimiter} (and a {@code Retry}) over one scheduler thread with
 *       remove-on-cancel, as the JDK's own delayer is configured;
 *   <li>SmallRye Fault Tolerance standalone: a {@code TypedGuard<CompletionStage<String>>}
 *       without thread offload (the operation is already asynchronous);
 *   <li>Failsafe: a {@code FailsafeExecutor} whose scheduler runs immediate work inline (so the
 *       operation is called on the caller's thread, as by every other peer) and delays on one
 *       scheduler thread with remove-on-cancel.
 * </ul>
 */
public final class Peers {

  static final ScheduledThreadPoolExecutor SCHEDULER = scheduler("bench-r4j-scheduler");
  static final ScheduledThreadPoolExecutor FAILSAFE_DELAYER = scheduler("bench-failsafe-delayer");

  // ---- Resilience4j ----
  static final TimeLimiter R4J_TIME_LIMITER = TimeLimiter.of("bench", TimeLimiterConfig.custom()
      .timeoutDuration(Workload.TIMEOUT).cancelRunningFuture(true).build());
  static final Retry R4J_RETRY = Retry.of("bench", RetryConfig.custom()
      .maxAttempts(Workload.RETRIES + 1).waitDuration(Duration.ZERO)
      .retryExceptions(Exception.class).build());

  // ---- SmallRye Fault Tolerance ----
  static final TypedGuard<CompletionStage<String>> SMALLRYE_TIMEOUT =
      TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
          .withTimeout().duration(Workload.TIMEOUT_SECONDS, Workload.TIMEOUT_UNIT).done()
          .withThreadOffload(false)
          .build();
  static final TypedGuard<CompletionStage<String>> SMALLRYE_RETRY_TIMEOUT =
      TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
          .withRetry().maxRetries(Workload.RETRIES)
              .retryOn(Exception.class).done()
          .withTimeout().duration(Workload.TIMEOUT_SECONDS, Workload.TIMEOUT_UNIT).done()
          .withThreadOffload(false)
          .build();

  // ---- Failsafe ----
  static final FailsafeExecutor<String> FAILSAFE_TIMEOUT =
      Failsafe.with(Timeout.<String>of(Workload.TIMEOUT)).with(new InlineScheduler());
  static final FailsafeExecutor<String> FAILSAFE_RETRY_TIMEOUT =
      Failsafe.with(RetryPolicy.<String>builder().withMaxRetries(Workload.RETRIES)
              .handle(Exception.class).build())
          .compose(Timeout.<String>of(Workload.TIMEOUT))
          .with(new InlineScheduler());

  // ---- "monitor only" written by hand: what two nanoTime()s, a LongAdder and an HdrHistogram cost ----
  static final LongAdder HAND_COUNT = new LongAdder();
  static final Recorder HAND_LATENCY = new Recorder(3);

  private Peers() {}

  private static ScheduledThreadPoolExecutor scheduler(String name) {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  /** Resilience4j's scheduler. */
  static ScheduledExecutorService scheduler() {
    return SCHEDULER;
  }

  /**
   * Failsafe's scheduler for this workload: work with no delay runs at once on the calling thread
   * (the operation is itself asynchronous, so a hop to a pool would only add cost and, unbounded,
   * a backlog); delayed work (the timeout) goes to one scheduler thread.
   */
  static final class InlineScheduler implements Scheduler {
    @Override
    public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
      if (delay > 0) {
        return FAILSAFE_DELAYER.schedule(callable, delay, unit);
      }
      try {
        callable.call();
      } catch (Exception e) {
        // Failsafe's own tasks complete their future themselves; nothing is thrown here
      }
      return Ran.INSTANCE;
    }
  }

  /** The already-run result of an inline task. */
  private static final class Ran implements ScheduledFuture<Object> {
    static final Ran INSTANCE = new Ran();

    @Override public long getDelay(TimeUnit unit) { return 0; }
    @Override public int compareTo(Delayed o) { return 0; }
    @Override public boolean cancel(boolean mayInterruptIfRunning) { return false; }
    @Override public boolean isCancelled() { return false; }
    @Override public boolean isDone() { return true; }
    @Override public Object get() { return null; }
    @Override public Object get(long timeout, TimeUnit unit) { return null; }
  }
}
