package dev.fftt.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.spi.Scheduler;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 *       remove-on-cancel, as the JDK's own delayer is configured; a count-based
 *       {@code CircuitBreaker} and a semaphore {@code Bulkhead}, default configurations with our
 *       sizes;
 *   <li>SmallRye Fault Tolerance standalone: a {@code TypedGuard<CompletionStage<String>>}
 *       without thread offload (the operation is already asynchronous); for a
 *       {@code CompletionStage} its bulkhead is the asynchronous one (a permit held until the
 *       stage completes, a waiting queue), as ours;
 *   <li>Failsafe: a {@code FailsafeExecutor} whose scheduler runs immediate work inline (so the
 *       operation is called on the caller's thread, as by every other peer) and delays on one
 *       scheduler thread with remove-on-cancel.
 * </ul>
 * Breakers and bulkheads have the sizes of {@link Workload}: a window of 20, open at half failed,
 * 5 s open; 10 at once (10 waiting where the library has a queue).
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

  /**
   * MicroProfile's window as Resilience4j spells it: the last 20 outcomes (count-based), judged
   * once 20 are in, open at 50% failed, 5 s open; the rest as Resilience4j's defaults.
   */
  static final CircuitBreaker R4J_BREAKER = CircuitBreaker.of("bench", CircuitBreakerConfig.custom()
      .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
      .slidingWindowSize(Workload.BREAKER_WINDOW).minimumNumberOfCalls(Workload.BREAKER_WINDOW)
      .failureRateThreshold((float) (Workload.BREAKER_FAILURE_RATIO * 100))
      .waitDurationInOpenState(Workload.BREAKER_DELAY).build());
  /**
   * Resilience4j's semaphore bulkhead: 10 at once; it has no waiting queue (a call that finds it
   * full waits up to {@code maxWaitDuration}, by default 0, so it is refused at once).
   */
  static final Bulkhead R4J_BULKHEAD = Bulkhead.of("bench", BulkheadConfig.custom()
      .maxConcurrentCalls(Workload.BULKHEAD_LIMIT).build());

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

  static final TypedGuard<CompletionStage<String>> SMALLRYE_BREAKER =
      TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
          .withCircuitBreaker().requestVolumeThreshold(Workload.BREAKER_WINDOW)
              .failureRatio(Workload.BREAKER_FAILURE_RATIO)
              .delay(Workload.BREAKER_DELAY_MILLIS, ChronoUnit.MILLIS).done()
          .withThreadOffload(false)
          .build();
  /** Asynchronous bulkhead (the guarded type is a {@code CompletionStage}): 10 at once, 10 waiting. */
  static final TypedGuard<CompletionStage<String>> SMALLRYE_BULKHEAD =
      TypedGuard.create(new TypeLiteral<CompletionStage<String>>() {})
          .withBulkhead().limit(Workload.BULKHEAD_LIMIT).queueSize(Workload.BULKHEAD_QUEUE).done()
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

  /** 10 failures of the last 20 executions open it; 5 s open. */
  static final FailsafeExecutor<String> FAILSAFE_BREAKER =
      Failsafe.with(dev.failsafe.CircuitBreaker.<String>builder()
              .withFailureThreshold((int) (Workload.BREAKER_FAILURE_RATIO * Workload.BREAKER_WINDOW),
                  Workload.BREAKER_WINDOW)
              .withDelay(Workload.BREAKER_DELAY).build())
          .with(new InlineScheduler());
  /** 10 at once; no waiting queue (max wait time 0, Failsafe's default). */
  static final dev.failsafe.Bulkhead<String> FAILSAFE_BULKHEAD_POLICY =
      dev.failsafe.Bulkhead.<String>builder(Workload.BULKHEAD_LIMIT).build();
  static final FailsafeExecutor<String> FAILSAFE_BULKHEAD =
      Failsafe.with(FAILSAFE_BULKHEAD_POLICY).with(new InlineScheduler());

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
