package dev.fftt.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the method safe to call from an event loop: its body may run on a named loop, and its
 * result is delivered back on the caller's loop.
 *
 * <p>At run time (with the FFTT agent attached): with {@link #runOn()} set, the body runs on the
 * thread of the loop registered under that name ({@code dev.fftt.runtime.EventLoops}); a name that
 * is not registered fails the returned future with an {@code IllegalStateException} naming it.
 * When the calling thread belongs to a registered loop, the returned future completes on that
 * loop's thread, so stages the caller attaches without an executor run there.
 *
 * <p>On a type, the annotation applies to every method of that type that returns
 * {@code CompletableFuture} or {@code CompletionStage}; an annotation on the method overrides it.
 *
 * <p>The build (with {@code fftt-processor}) rejects a blocking call written directly in the body
 * ({@code Future.get}, {@code CompletableFuture.join}, {@code Thread.sleep}, {@code Thread.join},
 * {@code Object.wait}, {@code CountDownLatch.await}, {@code Semaphore.acquire},
 * {@code BlockingQueue.put/take}, {@code LockSupport.park*}); calls inside lambdas and anonymous
 * or local classes are not the body's own and are allowed. The processor option
 * {@code -Afftt.blocking=error|warning|off} sets how this is reported (default {@code error}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface LoopCompatible {

  /** The name of the loop the body runs on; empty means the calling thread. */
  String runOn() default "";
}
