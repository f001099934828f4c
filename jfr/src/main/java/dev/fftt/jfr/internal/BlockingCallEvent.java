package dev.fftt.jfr.internal;

import dev.fftt.jfr.JfrEventNames;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@value JfrEventNames#BLOCKING_CALL}: a blocking call was caught on an event loop's thread. The
 * only FFTT event with a stack trace: it is committed on the loop's thread, at the call, so the
 * recorded stack is the blocking call's own (under the FFTT check's frames).
 */
@Name(JfrEventNames.BLOCKING_CALL)
@Label("FFTT Blocking Call")
@Category(JfrEventNames.CATEGORY)
@Description("A blocking call made on an event loop's thread, caught by the agent"
    + " (blocking=warn|fail) before it blocked")
@StackTrace(true)
final class BlockingCallEvent extends Event {

  /** Never committed: {@code isEnabled()} says whether anything records this event now. */
  static final BlockingCallEvent PROBE = new BlockingCallEvent();

  @Label("Loop")
  @Description("The loop's name")
  String loop;

  @Label("Call")
  @Description("The blocking method the application called, e.g. CompletableFuture.join")
  String call;

  @Label("Site")
  @Description("The calling frame: the first outside the JDK and FFTT")
  String site;
}
