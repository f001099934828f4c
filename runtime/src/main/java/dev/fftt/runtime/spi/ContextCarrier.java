package dev.fftt.runtime.spi;

/**
 * Carries a piece of the caller's context (a tracing context, say) to the threads that run a
 * call's later steps, as the runtime carries the caller's SLF4J MDC: it is captured on the caller's
 * thread when a guarded call does not end at once, and is current while each retry attempt starts,
 * while the body runs on a {@code runOn} loop, while the fallback runs, and while the caller's
 * future completes (so the callbacks the caller attached see it). Registered with
 * {@link ContextCarriers#register}.
 *
 * <p>Each method runs on the thread doing the work and must be quick; a throw is caught, logged once
 * per carrier, and never reaches the call (a throwing {@code attach} means that step runs without
 * the context, and its {@code restore} is not called).
 */
public interface ContextCarrier {

  /**
   * What to carry from the current thread, or {@code null} for nothing (then nothing is attached
   * anywhere for this call, and the threads keep their own context). Called on the caller's
   * thread once per guarded call that does not end at once (its future still pending when the
   * method returns, or its body bound for a {@code runOn} loop): keep it cheap.
   */
  Object capture();

  /**
   * Makes {@code captured} (what {@link #capture} returned, never {@code null}) current on this
   * thread and returns what {@link #restore} needs to put back the thread's own context.
   */
  Object attach(Object captured);

  /** Puts back, on the same thread, the context that {@link #attach} replaced. */
  void restore(Object saved);
}
