package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Invokes the method again, with the same receiver and arguments, when the future it returned
 * fails with a retryable exception.
 *
 * <p>At run time (with the FFTT agent attached) a failed attempt whose exception (unwrapped from
 * {@code CompletionException}/{@code ExecutionException}) is an instance of some {@link #retryOn()}
 * class and of no {@link #abortOn()} class is retried after {@code delay × multiplier^(n-1)}
 * (capped by {@link #maxDelay()}, spread by ± {@link #jitter()}), at most {@link #maxRetries()}
 * times and, when {@link #maxDuration()} is set, only while the next attempt would start within
 * that budget counted from the call. When no attempt succeeds, the caller's future fails with the
 * last attempt's exception itself; earlier attempts' exceptions are attached to it as suppressed.
 * Cancelling the caller's future stops the retries and cancels the attempt in flight. Under
 * {@link WithTimeout} the limit applies to each attempt, and an {@code AsyncTimeoutException} is
 * retried like any other exception.
 *
 * <p>On a type, the annotation applies to every method of that type that returns
 * {@code CompletableFuture} or {@code CompletionStage}; an annotation on the method overrides it.
 *
 * <p>The build (with {@code fftt-processor}) rejects: {@code maxRetries < 0}, {@code delay < 0},
 * {@code multiplier < 1}, {@code jitter} outside 0..1, a {@code maxDelay} set below {@code delay},
 * a {@code maxDuration} set but not longer than {@code delay}, and a class listed in both
 * {@code retryOn} and {@code abortOn}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {

  /** How many times a failed call is invoked again (so at most {@code maxRetries + 1} attempts); 0 or more. */
  int maxRetries() default 3;

  /** The pause before the first retry, in {@link #delayUnit()}; 0 or more. */
  long delay() default 0;

  /** The unit of {@link #delay()} and {@link #maxDelay()}. */
  ChronoUnit delayUnit() default ChronoUnit.MILLIS;

  /** The factor each further pause grows by; 1.0 (constant pauses) or more. */
  double multiplier() default 1.0;

  /** The longest pause, in {@link #delayUnit()}; 0 means no cap, otherwise at least {@link #delay()}. */
  long maxDelay() default 0;

  /** How much each pause is spread at random, as a fraction of it (0..1): 0.2 means ± 20%. */
  double jitter() default 0.0;

  /** The budget for the whole call, all attempts and pauses, in {@link #durationUnit()}; 0 means none. */
  long maxDuration() default 0;

  /** The unit of {@link #maxDuration()}. */
  ChronoUnit durationUnit() default ChronoUnit.MILLIS;

  /** The failures that are retried (instances of any of these classes). */
  Class<? extends Throwable>[] retryOn() default {Exception.class};

  /** The failures that are never retried, even when {@link #retryOn()} matches them. */
  Class<? extends Throwable>[] abortOn() default {};
}
