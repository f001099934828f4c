package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/** {@value JfrEventNames#CALL}: one monitored call. */
@Name(JfrEventNames.CALL)
@Label("FFTT Call")
@Category(JfrEventNames.CATEGORY)
@Description("A monitored call, from when its method returned to when its future completed")
@Threshold("20 ms")
@StackTrace(false)
final class CallEvent extends Event {

  /**
   * Never begun, filled or committed (its duration stays 0): {@code isEnabled()} says whether
   * anything records this event now, and {@code shouldCommit()} whether a zero-length one would
   * pass the threshold in force. Both only read, so any thread may ask.
   */
  static final CallEvent PROBE = new CallEvent();

  @Label("Operation")
  @Description("The operation's name: the @AsyncMonitor value, else SimpleClassName.methodName")
  String operation;

  @Label("Outcome")
  @Description("How the call ended: success, failure, timeout or cancelled")
  String outcome;

  @Label("Retries")
  @Description("How many times the body was run again")
  int retries;

  @Label("Fallback")
  @Description("Whether the fallback ran")
  boolean fallback;

  @Label("Elapsed")
  @Description("From the call to the end of its future, as FFTT measured it (the event's own"
      + " duration starts when the method returned)")
  @Timespan(Timespan.NANOSECONDS)
  long elapsed;
}
