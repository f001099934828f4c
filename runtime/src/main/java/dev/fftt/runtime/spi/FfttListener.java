package dev.fftt.runtime.spi;

import java.util.List;

/**
 * Hears what the runtime has and what it does. Registered with {@link FfttListeners#register}, it
 * is first told of everything that exists already (operations, breakers, bulkheads, loops), then
 * of each new one as it appears. Every method has a default that ignores the event.
 */
public interface FfttListener {

  /**
   * A monitored operation exists (it was called, or its policy was resolved); returns what hears
   * its calls, or {@code null} to ignore them. Called once per operation and listener.
   */
  default CallListener operationAdded(String operation) {
    return null;
  }

  /** A circuit breaker exists for {@code operation}; read it with {@code Diagnostics.circuitBreaker}. */
  default void circuitBreakerAdded(String operation) {}

  /**
   * A circuit breaker changed state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}: the names
   * {@code Diagnostics.circuitBreaker} reports). Runs on the thread whose call caused it.
   */
  default void circuitBreakerStateChanged(String operation, String from, String to) {}

  /** A bulkhead exists for {@code operation}; read it with {@code Diagnostics.bulkhead}. */
  default void bulkheadAdded(String operation) {}

  /** An event loop was registered; read it with {@code Diagnostics.loop}. */
  default void loopAdded(String loop) {}

  /**
   * A stall of {@code loop} was just found: the watchdog's probe has waited longer than the
   * threshold. {@link #loopStalled} follows when the stall ends (unless the loop is shut down
   * first). Runs on the watchdog thread; lets an exporter start timing the stall.
   */
  default void loopStallFound(String loop) {}

  /**
   * A stall of {@code loop} ended after {@code nanos}; {@code topFrames} is the loop thread's stack
   * when the stall was found (innermost first, possibly empty).
   */
  default void loopStalled(String loop, long nanos, List<StackTraceElement> topFrames) {}

  /**
   * A blocking call was caught on a thread of {@code loop} (agent option
   * {@code blocking=warn|fail}): {@code call} is the method the application called (e.g.
   * {@code CompletableFuture.join}), {@code site} the calling frame
   * ({@code com.acme.Ui.onClick(Ui.java:42)}), {@code stack} the stack from the blocking method
   * outwards. Runs on the loop's thread, before the call blocks (or, with {@code fail}, throws);
   * every call counts, not only the first at a site.
   */
  default void blockingCallFound(String loop, String call, String site,
      List<StackTraceElement> stack) {}
}
