package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@value JfrEventNames#REJECTED}: an attempt was refused before its body ran. */
@Name(JfrEventNames.REJECTED)
@Label("FFTT Rejected")
@Category(JfrEventNames.CATEGORY)
@Description("An attempt of a monitored operation was refused before its body ran")
@StackTrace(false)
final class RejectedEvent extends Event {

  /** Never committed: {@code isEnabled()} says whether anything records this event now. */
  static final RejectedEvent PROBE = new RejectedEvent();

  @Label("Operation")
  @Description("The operation's name")
  String operation;

  @Label("By")
  @Description("What refused it: circuitbreaker or bulkhead")
  String by;
}
