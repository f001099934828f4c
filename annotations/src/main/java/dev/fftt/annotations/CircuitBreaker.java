package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Stops calling an operation that keeps failing, and tries it again after a pause.
 *
 * <p>At run time (with the FFTT agent attached) each operation has one breaker, shared by all
 * receivers. An attempt counts as a failure when its exception (unwrapped) is an instance of a
 * {@link #failOn()} class and of no {@link #skipOn()} class, else as a success. While CLOSED the
 * breaker keeps the last {@link #requestVolumeThreshold()} outcomes; once that window is full and
 * the failures in it reach {@code failureRatio × requestVolumeThreshold}, it opens. While OPEN
 * every attempt fails at once with {@code dev.fftt.runtime.CircuitBreakerOpenException} (the
 * method is not invoked) until {@link #delay()} has passed; then HALF_OPEN admits at most
 * {@link #successThreshold()} trial attempts at a time: when that many succeed it closes, when
 * one fails it opens again. Every change of state clears the window. An attempt cancelled before
 * it completes counts as neither. Under {@link Retry} each retry passes the breaker anew; a
 * {@link WithTimeout} timeout counts as a failure.
 *
 * <p>On a type, the annotation applies to every method of that type that returns
 * {@code CompletableFuture} or {@code CompletionStage} (each method its own breaker); an
 * annotation on the method overrides it.
 *
 * <p>The build (with {@code fftt-processor}) rejects: {@code requestVolumeThreshold < 1},
 * {@code failureRatio} outside 0..1, {@code delay < 0}, a {@code delayUnit} longer than
 * {@link ChronoUnit#DAYS}, {@code successThreshold < 1}, and a class listed in both
 * {@code failOn} and {@code skipOn}. It warns when the method has no {@link WithTimeout}: a trial
 * attempt that never completes would keep the breaker half-open.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CircuitBreaker {

  /** How many recent outcomes the breaker judges by (its window); 1 or more. */
  int requestVolumeThreshold() default 20;

  /** The share of failures in a full window at which the breaker opens; 0..1. */
  double failureRatio() default 0.5;

  /** How long the breaker stays open before it admits trial attempts, in {@link #delayUnit()}; 0 or more. */
  long delay() default 5000;

  /** The unit of {@link #delay()}; at most {@link ChronoUnit#DAYS}. */
  ChronoUnit delayUnit() default ChronoUnit.MILLIS;

  /** How many trial attempts must succeed, while half-open, to close the breaker; 1 or more. */
  int successThreshold() default 1;

  /** Exceptions that count as failures (with their subclasses). */
  Class<? extends Throwable>[] failOn() default {Throwable.class};

  /** Exceptions that count as successes even when listed in {@link #failOn()} (with their subclasses). */
  Class<? extends Throwable>[] skipOn() default {};
}
