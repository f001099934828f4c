package dev.fftt.runtime;

import dev.fftt.runtime.internal.guard.FallbackSpec;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A reusable guard for calls that return futures, built by hand for code that does not use the
 * annotations: the same runtime, the same semantics, the same counts as a woven method with the
 * matching annotations. Made by {@link Async#guard(String)}:
 *
 * <pre>{@code
 * AsyncGuard<String> guard = Async.<String>guard("Backend.fetch")
 *     .withTimeout(Duration.ofSeconds(2))
 *     .withRetry().maxRetries(2).delay(Duration.ofMillis(100)).done()
 *     .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5)
 *         .delay(Duration.ofSeconds(5)).done()
 *     .withBulkhead().limit(10).queueSize(10).done()
 *     .withFallback().handler(failure -> CompletableFuture.completedFuture("cached")).done()
 *     .monitored()
 *     .build();
 * CompletableFuture<String> page = guard.call(() -> backend.fetch(id));
 * }</pre>
 *
 * <p>The order is the annotations': monitor ( fallback ( retry ( circuit breaker ( timeout
 * ( bulkhead ( runOn ( call ) ) ) ) ) ) ). The breaker and the bulkhead belong to the name: every
 * guard (and woven method) of one name shares them, and {@link Diagnostics#circuitBreaker} /
 * {@link Diagnostics#bulkhead} find them by it. Defaults are the annotations' (MicroProfile Fault
 * Tolerance's). Thread-safe and immutable once built; {@link #call} never throws.
 *
 * @param <T> the type of the calls' results
 */
public final class AsyncGuard<T> {

  private final GuardPolicy policy;

  private AsyncGuard(GuardPolicy policy) {
    this.policy = policy;
  }

  /** The operation's name. */
  public String name() {
    return policy.operation();
  }

  /**
   * Calls {@code op} under the guard and returns the caller's future. A throw or a {@code null}
   * from {@code op} is a failed attempt; cancelling the result stops retries and cancels the
   * attempt in flight (the fallback never runs then).
   *
   * @throws NullPointerException when {@code op} is null
   */
  public CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> op) {
    Checks.notNull(op, "op");
    return Guard.call(policy, op::get);
  }

  @Override
  public String toString() {
    return "AsyncGuard[" + policy + "]";
  }

  /**
   * Builds an {@link AsyncGuard}. Every part is optional. Not thread-safe.
   *
   * @param <T> the type of the calls' results
   */
  public static final class Builder<T> {
    private final String name;
    private boolean monitored;
    private Duration timeout;
    private boolean cancelOnTimeout = true;
    private RetryBuilder<T> retry;
    private CircuitBreakerBuilder<T> breaker;
    private BulkheadBuilder<T> bulkhead;
    private FallbackBuilder<T> fallback;
    private String runOn;
    private boolean completeOnCallerLoop;

    Builder(String name) {
      this.name = Checks.notNull(name, "name");
      Checks.argument(!name.isEmpty(), "a guard's name must not be empty");
    }

    /** Counts the calls under the guard's name, as {@code @AsyncMonitor} does. */
    public Builder<T> monitored() {
      this.monitored = true;
      return this;
    }

    /** Fails each attempt that has not completed within {@code limit} (and cancels it). */
    public Builder<T> withTimeout(Duration limit) {
      return withTimeout(limit, true);
    }

    /** As {@link #withTimeout(Duration)}; {@code cancel} false leaves a late attempt running. */
    public Builder<T> withTimeout(Duration limit, boolean cancel) {
      this.timeout = Checks.notNull(limit, "timeout");
      this.cancelOnTimeout = cancel;
      return this;
    }

    /** Retries failed attempts; configure it, then {@link RetryBuilder#done()}. */
    public RetryBuilder<T> withRetry() {
      retry = new RetryBuilder<>(this);
      return retry;
    }

    /** Passes attempts through the name's circuit breaker; configure it, then {@code done()}. */
    public CircuitBreakerBuilder<T> withCircuitBreaker() {
      breaker = new CircuitBreakerBuilder<>(this);
      return breaker;
    }

    /** Limits the attempts running at once; configure it, then {@code done()}. */
    public BulkheadBuilder<T> withBulkhead() {
      bulkhead = new BulkheadBuilder<>(this);
      return bulkhead;
    }

    /** Completes a failed call by a fallback; configure it, then {@code done()}. */
    public FallbackBuilder<T> withFallback() {
      fallback = new FallbackBuilder<>(this);
      return fallback;
    }

    /** Runs each attempt on the registered loop {@code loopName}, as {@code @LoopCompatible(runOn)}. */
    public Builder<T> runOn(String loopName) {
      this.runOn = Checks.notNull(loopName, "loopName");
      return this;
    }

    /** Completes the result on the caller's loop when the caller is on one, as {@code @LoopCompatible}. */
    public Builder<T> completeOnCallerLoop() {
      this.completeOnCallerLoop = true;
      return this;
    }

    /**
     * The guard.
     *
     * @throws IllegalArgumentException when a value is out of the range the annotations allow, or
     *     a fallback was asked for without a handler
     */
    public AsyncGuard<T> build() {
      GuardPolicy.Builder b = GuardPolicy.builder(name);
      if (monitored) {
        b.monitor(name);
      }
      if (timeout != null) {
        b.timeout(timeout, cancelOnTimeout);
      }
      if (retry != null) {
        b.retry(new RetrySpec(retry.maxRetries, nanos(retry.delay, "retry delay"),
            retry.multiplier, nanos(retry.maxDelay, "retry maxDelay"), retry.jitter,
            nanos(retry.maxDuration, "retry maxDuration"), retry.retryOn, retry.abortOn));
      }
      if (breaker != null) {
        b.circuitBreaker(breaker.requestVolumeThreshold, breaker.failureRatio,
            nanos(breaker.delay, "circuit breaker delay"), breaker.successThreshold,
            breaker.failOn, breaker.skipOn);
      }
      if (bulkhead != null) {
        b.bulkhead(bulkhead.limit, bulkhead.queueSize);
      }
      if (fallback != null) {
        Checks.argument(fallback.handler != null, "withFallback() of %s needs a handler(...)",
            name);
        Function<Throwable, ? extends CompletionStage<T>> handler = fallback.handler;
        b.fallback(new FallbackSpec(name + " fallback", fallback.applyOn, fallback.skipOn,
            (capture, failure) -> handler.apply(failure)));
      }
      if (runOn != null || completeOnCallerLoop) {
        b.runOn(runOn).loopCompatible(completeOnCallerLoop);
      }
      return new AsyncGuard<>(b.build());
    }

    private static long nanos(Duration d, String what) {
      Checks.argument(!d.isNegative(), "%s must be 0 or more, was %s", what, d);
      return Durations.saturatedNanos(d);
    }
  }

  /** Retry settings; defaults as {@code @Retry}'s. */
  public static final class RetryBuilder<T> {
    private final Builder<T> parent;
    private int maxRetries = 3;
    private Duration delay = Duration.ZERO;
    private double multiplier = 1.0;
    private Duration maxDelay = Duration.ZERO;
    private double jitter;
    private Duration maxDuration = Duration.ZERO;
    private List<Class<?>> retryOn = List.of(Exception.class);
    private List<Class<?>> abortOn = List.of();

    RetryBuilder(Builder<T> parent) {
      this.parent = parent;
    }

    /** How many times a failed attempt is retried (default 3). */
    public RetryBuilder<T> maxRetries(int n) {
      this.maxRetries = n;
      return this;
    }

    /** The pause before the first retry (default none). */
    public RetryBuilder<T> delay(Duration d) {
      this.delay = Checks.notNull(d, "delay");
      return this;
    }

    /** Each pause is the one before times this (default 1.0). */
    public RetryBuilder<T> multiplier(double m) {
      this.multiplier = m;
      return this;
    }

    /** The longest pause (default none: zero). */
    public RetryBuilder<T> maxDelay(Duration d) {
      this.maxDelay = Checks.notNull(d, "maxDelay");
      return this;
    }

    /** Spreads each pause by ± this fraction of it (0..1, default 0). */
    public RetryBuilder<T> jitter(double fraction) {
      this.jitter = fraction;
      return this;
    }

    /** No retry starts after this much time from the call (default none: zero). */
    public RetryBuilder<T> maxDuration(Duration d) {
      this.maxDuration = Checks.notNull(d, "maxDuration");
      return this;
    }

    /** Failures that are retried (default {@link Exception}). */
    @SafeVarargs
    public final RetryBuilder<T> retryOn(Class<? extends Throwable>... types) {
      this.retryOn = List.of(types);
      return this;
    }

    /** Failures never retried (default none). */
    @SafeVarargs
    public final RetryBuilder<T> abortOn(Class<? extends Throwable>... types) {
      this.abortOn = List.of(types);
      return this;
    }

    /** Back to the guard's builder. */
    public Builder<T> done() {
      return parent;
    }
  }

  /** Circuit breaker settings; defaults as {@code @CircuitBreaker}'s. */
  public static final class CircuitBreakerBuilder<T> {
    private final Builder<T> parent;
    private int requestVolumeThreshold = 20;
    private double failureRatio = 0.5;
    private Duration delay = Duration.ofSeconds(5);
    private int successThreshold = 1;
    private List<Class<?>> failOn = List.of(Throwable.class);
    private List<Class<?>> skipOn = List.of();

    CircuitBreakerBuilder(Builder<T> parent) {
      this.parent = parent;
    }

    /** How many recent outcomes the breaker judges by (default 20). */
    public CircuitBreakerBuilder<T> requestVolumeThreshold(int n) {
      this.requestVolumeThreshold = n;
      return this;
    }

    /** The share of failures in a full window at which it opens (0..1, default 0.5). */
    public CircuitBreakerBuilder<T> failureRatio(double ratio) {
      this.failureRatio = ratio;
      return this;
    }

    /** How long it stays open before trial attempts (default 5 s). */
    public CircuitBreakerBuilder<T> delay(Duration d) {
      this.delay = Checks.notNull(d, "delay");
      return this;
    }

    /** Trial attempts that must succeed to close it (default 1). */
    public CircuitBreakerBuilder<T> successThreshold(int n) {
      this.successThreshold = n;
      return this;
    }

    /** Failures that count as failures (default {@link Throwable}). */
    @SafeVarargs
    public final CircuitBreakerBuilder<T> failOn(Class<? extends Throwable>... types) {
      this.failOn = List.of(types);
      return this;
    }

    /** Failures that count as successes (default none). */
    @SafeVarargs
    public final CircuitBreakerBuilder<T> skipOn(Class<? extends Throwable>... types) {
      this.skipOn = List.of(types);
      return this;
    }

    /** Back to the guard's builder. */
    public Builder<T> done() {
      return parent;
    }
  }

  /** Bulkhead settings; defaults as {@code @Bulkhead}'s. */
  public static final class BulkheadBuilder<T> {
    private final Builder<T> parent;
    private int limit = 10;
    private int queueSize = 10;

    BulkheadBuilder(Builder<T> parent) {
      this.parent = parent;
    }

    /** How many attempts run at once (default 10). */
    public BulkheadBuilder<T> limit(int n) {
      this.limit = n;
      return this;
    }

    /** How many attempts may wait for a permit (default 10; 0: none wait). */
    public BulkheadBuilder<T> queueSize(int n) {
      this.queueSize = n;
      return this;
    }

    /** Back to the guard's builder. */
    public Builder<T> done() {
      return parent;
    }
  }

  /** Fallback settings; {@link #handler} is required. */
  public static final class FallbackBuilder<T> {
    private final Builder<T> parent;
    private Function<Throwable, ? extends CompletionStage<T>> handler;
    private List<Class<?>> applyOn = List.of(Throwable.class);
    private List<Class<?>> skipOn = List.of();

    FallbackBuilder(Builder<T> parent) {
      this.parent = parent;
    }

    /**
     * Supplies the result of a failed call from its final failure (unwrapped). Its future
     * completes the call; a throw, a {@code null} or a failed future fails it, the original
     * failure attached as suppressed.
     */
    public FallbackBuilder<T> handler(Function<Throwable, ? extends CompletionStage<T>> fallback) {
      this.handler = Checks.notNull(fallback, "handler");
      return this;
    }

    /** Failures the fallback handles (default {@link Throwable}). */
    @SafeVarargs
    public final FallbackBuilder<T> applyOn(Class<? extends Throwable>... types) {
      this.applyOn = List.of(types);
      return this;
    }

    /** Failures it does not handle (default none). */
    @SafeVarargs
    public final FallbackBuilder<T> skipOn(Class<? extends Throwable>... types) {
      this.skipOn = List.of(types);
      return this;
    }

    /** Back to the guard's builder. */
    public Builder<T> done() {
      return parent;
    }
  }
}
