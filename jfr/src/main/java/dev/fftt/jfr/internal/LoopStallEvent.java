package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@value JfrEventNames#LOOP_STALL}: an event loop ran nothing for too long. */
@Name(JfrEventNames.LOOP_STALL)
@Label("FFTT Loop Stall")
@Category(JfrEventNames.CATEGORY)
@Description("An event loop ran nothing for longer than the stall threshold (fftt.stallMillis,"
    + " default 250 ms); the event spans from when the watchdog found the stall to its end")
@StackTrace(false)
final class LoopStallEvent extends Event {

  /** Never committed: {@code isEnabled()} says whether anything records this event now. */
  static final LoopStallEvent PROBE = new LoopStallEvent();

  @Label("Loop")
  @Description("The loop's name")
  String loop;

  @Label("Top Frames")
  @Description("The loop thread's innermost frames when the stall was found, one per line")
  String topFrames;

  @Label("Stall")
  @Description("The whole stall: from the watchdog's late probe being posted to its run")
  @Timespan(Timespan.NANOSECONDS)
  long stall;

  /** {@code frames}, innermost first, one per line. */
  static String text(List<StackTraceElement> frames) {
    StringBuilder text = new StringBuilder();
    for (StackTraceElement frame : frames) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(frame);
    }
    return text.toString();
  }
}
