package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@value JfrEventNames#TIMEOUT}: an attempt's timeout passed. */
@Name(JfrEventNames.TIMEOUT)
@Label("FFTT Timeout")
@Category(JfrEventNames.CATEGORY)
@Description("An attempt of a monitored operation timed out")
@StackTrace(false)
final class TimeoutEvent extends Event {

  /** Never committed: {@code isEnabled()} says whether anything records this event now. */
  static final TimeoutEvent PROBE = new TimeoutEvent();

  @Label("Operation")
  @Description("The operation's name")
  String operation;

  @Label("Timeout")
  @Description("The attempt's configured timeout")
  @Timespan(Timespan.NANOSECONDS)
  long timeout;
}
