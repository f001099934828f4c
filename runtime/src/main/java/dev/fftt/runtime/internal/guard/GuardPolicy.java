package dev.fftt.runtime.internal.guard;

import dev.fftt.runtime.internal.loop.LoopHandle;
import dev.fftt.runtime.internal.loop.LoopRegistry;
import dev.fftt.runtime.internal.monitor.Monitor;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.BulkheadGate;
import dev.fftt.runtime.internal.resilience.Resilience;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Context;
import dev.fftt.runtime.internal.util.Durations;
import java.time.Duration;
import java.util.List;

/**
 * Everything the guard needs to know about one guarded method or call, resolved once: the
 * operation's name, its monitor, the timeout per attempt, the retry policy, the loops, the
 * operation's circuit breaker, bulkhead and fallback, and the MDC its callers' context lives in.
 * Immutable apart from the cached loop look-up; safe to share between threads.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class GuardPolicy {

  final String operation;
  final Monitor monitor;
  final long timeoutNanos;
  final boolean cancelOnTimeout;
  final String timeoutText;
  final RetrySpec retry;
  final String runOn;
  final boolean loopCompatible;
  final Breaker breaker;
  final BulkheadGate bulkhead;
  final FallbackSpec fallback;
  /** The MDC of the application that makes the calls (of the woven class's loader). */
  final Context context;
  /** A bulkhead and nothing else that a call must follow (no monitor, timeout, retry, ...). */
  final boolean bulkheadOnly;
  /** Whether a call reads the clock at its start: for its monitor, its timeout or its retries. */
  final boolean clocked;
  /** The loop named by runOn, looked up on first use and again only when it has been shut down. */
  private volatile LoopHandle runOnLoop;

  private GuardPolicy(Builder b) {
    this.operation = b.operation;
    this.monitor = b.monitorName == null ? null : Monitors.get(b.monitorName);
    this.timeoutNanos = b.timeoutNanos;
    this.cancelOnTimeout = b.cancelOnTimeout;
    this.timeoutText = b.timeoutText;
    this.retry = b.retry;
    this.runOn = b.runOn;
    this.loopCompatible = b.loopCompatible;
    this.breaker = b.breaker == null ? null : Resilience.breaker(b.breaker);
    this.bulkhead = b.bulkhead == null ? null : Resilience.bulkhead(b.bulkhead);
    this.fallback = b.fallback;
    this.context = b.context != null ? b.context : Context.application();
    this.bulkheadOnly = bulkhead != null && monitor == null && timeoutNanos == 0 && retry == null
        && runOn == null && !loopCompatible && breaker == null && fallback == null;
    this.clocked = monitor != null || timeoutNanos > 0 || retry != null;
  }

  /** Starts a policy for the operation called {@code operation} in messages (e.g. {@code Agent.fetch}). */
  public static Builder builder(String operation) {
    return new Builder(Checks.notNull(operation, "operation"));
  }

  /** The operation's name as used in messages. */
  public String operation() {
    return operation;
  }

  /** The monitor name, or {@code null} when calls are not monitored. */
  public String monitorName() {
    return monitor == null ? null : monitor.name();
  }

  /** The timeout per attempt in nanoseconds, 0 for none. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** Whether the attempt's future is cancelled when its timeout passes. */
  public boolean cancelOnTimeout() {
    return cancelOnTimeout;
  }

  /** The retry policy, or {@code null} for a single attempt. */
  public RetrySpec retry() {
    return retry;
  }

  /** The loop the body runs on, or {@code null} for the calling thread. */
  public String runOn() {
    return runOn;
  }

  /** Whether the caller's future completes on the caller's loop (the completion hop). */
  public boolean loopCompatible() {
    return loopCompatible;
  }

  /** The operation's circuit breaker, or {@code null}. */
  public Breaker breaker() {
    return breaker;
  }

  /** The operation's bulkhead, or {@code null}. */
  public BulkheadGate bulkhead() {
    return bulkhead;
  }

  /** The fallback, or {@code null}. */
  public FallbackSpec fallback() {
    return fallback;
  }

  /** The MDC that calls carry. */
  public Context context() {
    return context;
  }

  /** The runOn loop, or {@code null} when it is not registered (now). */
  LoopHandle runOnLoop() {
    LoopHandle loop = runOnLoop;
    if (loop == null || loop.isShutdown()) {
      loop = LoopRegistry.find(runOn);
      runOnLoop = loop;
    }
    return loop;
  }

  @Override
  public String toString() {
    return "GuardPolicy[" + operation + ", monitor=" + monitorName() + ", timeout="
        + (timeoutNanos == 0 ? "none" : timeoutText) + (cancelOnTimeout ? "" : " (no cancel)")
        + ", retry=" + retry + ", runOn=" + runOn + ", loopCompatible=" + loopCompatible
        + (breaker == null ? "" : ", " + breaker) + (bulkhead == null ? "" : ", " + bulkhead)
        + (fallback == null ? "" : ", fallback=" + fallback) + "]";
  }

  /** Builds a {@link GuardPolicy}; every part is optional. Not thread-safe. */
  public static final class Builder {
    private final String operation;
    private String monitorName;
    private long timeoutNanos;
    private boolean cancelOnTimeout = true;
    private String timeoutText;
    private RetrySpec retry;
    private String runOn;
    private boolean loopCompatible;
    private Breaker breaker;
    private BulkheadGate bulkhead;
    private FallbackSpec fallback;
    private Context context;

    private Builder(String operation) {
      this.operation = operation;
    }

    /** Counts calls under {@code name}; {@code null} for none. */
    public Builder monitor(String name) {
      this.monitorName = name;
      return this;
    }

    /**
     * Fails each attempt that has not completed within {@code nanos}; {@code text} is how the
     * limit is written in the timeout message (e.g. {@code "100 ms"}).
     *
     * @throws IllegalArgumentException when {@code nanos} is not positive
     */
    public Builder timeout(long nanos, String text, boolean cancel) {
      Checks.argument(nanos > 0, "timeout must be greater than zero, was %s ns", nanos);
      this.timeoutNanos = nanos;
      this.timeoutText = text;
      this.cancelOnTimeout = cancel;
      return this;
    }

    /** As {@link #timeout(long, String, boolean)} with the limit written from the duration. */
    public Builder timeout(Duration limit, boolean cancel) {
      Checks.notNull(limit, "timeout");
      Checks.argument(!limit.isNegative() && !limit.isZero(), "timeout must be greater than zero, was %s", limit);
      return timeout(Durations.saturatedNanos(limit), Durations.describe(limit), cancel);
    }

    /** Retries failed attempts by {@code spec}; {@code null} for a single attempt. */
    public Builder retry(RetrySpec spec) {
      this.retry = spec;
      return this;
    }

    /** Runs the body on the loop registered as {@code loopName}; {@code null} or empty for the caller's thread. */
    public Builder runOn(String loopName) {
      this.runOn = loopName == null || loopName.isEmpty() ? null : loopName;
      return this;
    }

    /** Completes the caller's future on the caller's loop when the caller is on one. */
    public Builder loopCompatible(boolean hop) {
      this.loopCompatible = hop;
      return this;
    }

    /**
     * Passes each attempt through the operation's circuit breaker (see {@link Breaker}; one per
     * operation name, the first settings resolved for it win).
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public Builder circuitBreaker(int requestVolumeThreshold, double failureRatio, long delayNanos,
        int successThreshold, List<Class<?>> failOn, List<Class<?>> skipOn) {
      this.breaker = new Breaker(operation, requestVolumeThreshold, failureRatio, delayNanos,
          successThreshold, failOn, skipOn);
      return this;
    }

    /**
     * Runs at most {@code maxConcurrent} attempts of the operation at once, {@code queue} more
     * waiting (see {@link BulkheadGate}; one per operation name).
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public Builder bulkhead(int maxConcurrent, int queue) {
      this.bulkhead = new BulkheadGate(operation, maxConcurrent, queue);
      return this;
    }

    /** Completes a call's final failure by {@code spec}; {@code null} for none. */
    public Builder fallback(FallbackSpec spec) {
      this.fallback = spec;
      return this;
    }

    /**
     * Carries the callers' MDC through {@code mdc}: the one of the application making the calls
     * (for a woven method, {@link Context#of} its class's loader). Default:
     * {@link Context#application()}.
     */
    public Builder context(Context mdc) {
      this.context = Checks.notNull(mdc, "context");
      return this;
    }

    /** The policy. */
    public GuardPolicy build() {
      return new GuardPolicy(this);
    }
  }

}
