package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts the method's calls and records their latency under an operation name, for
 * {@code dev.fftt.runtime.Diagnostics}.
 *
 * <p>At run time (with the FFTT agent attached, unless started with {@code monitor=off}) every
 * call counts once under calls and ends in exactly one of successes, failures, timeouts or
 * cancellations; re-invocations by {@link Retry} count under retries; the latency is measured from
 * the call to the completion of the returned future. The counts appear in
 * {@code Diagnostics.operation(name)} and in the health report.
 *
 * <p>On a type, the annotation applies to every method of that type that returns
 * {@code CompletableFuture} or {@code CompletionStage}; an annotation on the method overrides it.
 *
 * <p>The build (with {@code fftt-processor}) rejects a name that does not match
 * {@code [A-Za-z0-9_.-]+}, and warns when two methods share one explicit name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AsyncMonitor {

  /**
   * The operation name; empty means {@code SimpleClassName.methodName} of the declaring class (a
   * nested class by its own simple name).
   */
  String value() default "";
}
