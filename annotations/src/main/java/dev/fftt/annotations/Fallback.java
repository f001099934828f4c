package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Completes a call that failed with the future of another method of the same class.
 *
 * <p>At run time (with the FFTT agent attached), when the call's final failure (after retries, an
 * open breaker, a bulkhead rejection or a timeout) is an instance of an {@link #applyOn()} class
 * and of no {@link #skipOn()} class, the method named {@link #fallbackMethod()} runs once with the
 * same receiver and arguments, plus the failure when it declares one more, trailing parameter of a
 * {@code Throwable} type (the overload with the most specific such type that the failure is an
 * instance of wins; one without it is used otherwise). Its future completes the caller's. If it
 * throws, returns {@code null} or fails, the call fails with that exception, the original failure
 * attached as suppressed. Cancelling the caller's future never runs it. It runs where the body
 * would (the {@code runOn} loop, else the thread that saw the failure, never the timer's).
 *
 * <p>The fallback method is looked up in the same class or a superclass, may have any visibility,
 * must be static when the guarded method is, and returns a {@code CompletionStage} assignable to
 * the guarded method's return type. The build (with {@code fftt-processor}) resolves it and
 * rejects a name with no such method (printing the signature expected), a wrong return type, an
 * instance fallback for a static method, a method naming itself, and a class listed in both
 * {@code applyOn} and {@code skipOn}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fallback {

  /** The name of the method that supplies the result when the call fails. */
  String fallbackMethod();

  /** Failures the fallback handles (with their subclasses). */
  Class<? extends Throwable>[] applyOn() default {Throwable.class};

  /** Failures the fallback does not handle even when listed in {@link #applyOn()} (with their subclasses). */
  Class<? extends Throwable>[] skipOn() default {};
}
