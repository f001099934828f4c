package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@value JfrEventNames#CIRCUIT_BREAKER_STATE}: a circuit breaker changed state. */
@Name(JfrEventNames.CIRCUIT_BREAKER_STATE)
@Label("FFTT Circuit Breaker State")
@Category(JfrEventNames.CATEGORY)
@Description("A circuit breaker changed state")
@StackTrace(false)
final class CircuitBreakerStateEvent extends Event {

  /** Never committed: {@code isEnabled()} says whether anything records this event now. */
  static final CircuitBreakerStateEvent PROBE = new CircuitBreakerStateEvent();

  @Label("Operation")
  @Description("The name of the operation the breaker guards")
  String operation;

  @Label("From")
  @Description("The state before: CLOSED, OPEN or HALF_OPEN")
  String from;

  @Label("To")
  @Description("The state now: CLOSED, OPEN or HALF_OPEN")
  String to;
}
