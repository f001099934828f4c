package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Fails the returned future with {@code dev.fftt.runtime.AsyncTimeoutException} when it has not
 * completed within the limit, counted from the call (from each attempt's start under {@link Retry}).
 *
 * <p>At run time (with the FFTT agent attached) the caller gets a future that completes with the
 * method's own result if it arrives in time, and otherwise fails with an
 * {@code AsyncTimeoutException} whose message names the operation and the limit. With
 * {@link #cancel()} true the method's own future is cancelled when the limit passes. The timeout
 * completes the caller's future on a runtime completion thread, never on the timer's thread. A
 * future that is already complete when the method returns is passed through as it is.
 *
 * <p>On a type, the annotation applies to every method of that type that returns
 * {@code CompletableFuture} or {@code CompletionStage}; an annotation on the method overrides it.
 *
 * <p>The build (with {@code fftt-processor}) rejects: a method that returns neither
 * {@code CompletableFuture} nor {@code CompletionStage}, an abstract or native method, a
 * {@link #value()} of zero or less, and a {@link #unit()} longer than {@link ChronoUnit#DAYS}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WithTimeout {

  /** The limit, in {@link #unit()}; must be greater than zero. */
  long value();

  /** The unit of {@link #value()}; at most {@link ChronoUnit#DAYS}. */
  ChronoUnit unit() default ChronoUnit.SECONDS;

  /** Whether the method's own future is cancelled when the limit passes. */
  boolean cancel() default true;
}
