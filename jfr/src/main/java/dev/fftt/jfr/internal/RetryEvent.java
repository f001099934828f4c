package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@value JfrEventNames#RETRY}: the body is about to run again. */
@Name(JfrEventNames.RETRY)
@Label("FFTT Retry")
@Category(JfrEventNames.CATEGORY)
@Description("A monitored operation's body is about to run again after a failed attempt")
@StackTrace(false)
final class RetryEvent extends Event {

  /** Never committed: {@code isEnabled()} says whether anything records this event now. */
  static final RetryEvent PROBE = new RetryEvent();

  @Label("Operation")
  @Description("The operation's name")
  String operation;

  @Label("Retry")
  @Description("Which retry this is: 1 for the first")
  int retry;

  @Label("Cause")
  @Description("The failure of the attempt before it: class name and message")
  String cause;
}
