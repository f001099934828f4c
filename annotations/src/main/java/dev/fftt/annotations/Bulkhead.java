package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how many attempts of an operation run at once, with a first-in-first-out waiting room.
 *
 * <p>At run time (with the FFTT agent attached) an attempt holds a permit from the start of the
 * method's body until the future it returned completes. When {@link #value()} attempts hold one,
 * further attempts wait, in arrival order, up to {@link #waitingTaskQueue()} of them; beyond that
 * they fail at once with {@code dev.fftt.runtime.BulkheadRejectedException}. A waiting attempt
 * starts on its {@code runOn} loop, else on a runtime completion thread, never on the thread that
 * released the permit nor on the timer's. Under {@link WithTimeout} the limit includes the time
 * spent waiting; a waiting attempt that times out or is cancelled leaves the waiting room and its
 * body never runs.
 *
 * <p>On a type, the annotation applies to every method of that type that returns
 * {@code CompletableFuture} or {@code CompletionStage} (each method its own bulkhead); an
 * annotation on the method overrides it.
 *
 * <p>The build (with {@code fftt-processor}) rejects {@code value < 1} and
 * {@code waitingTaskQueue < 0}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Bulkhead {

  /** How many attempts may run at once; 1 or more. */
  int value() default 10;

  /** How many attempts may wait for a permit (0: none wait, they are rejected); 0 or more. */
  int waitingTaskQueue() default 10;
}
