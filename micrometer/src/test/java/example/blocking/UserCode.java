package example.blocking;

import dev.fftt.runtime.internal.loop.BlockingCalls;

/**
 * Stands for the application's code in the blocking-check tests: a package outside FFTT (frames
 * of FFTT's own packages are allowed to block). Each method makes the call that the agent puts at
 * an application's call site of the native {@code Thread.sleep(long)} on Java 17.
 */
public final class UserCode {

  private UserCode() {}

  /** Sleeps a millisecond through the check. */
  public static void sleepy() {
    try {
      BlockingCalls.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Would sleep for ever, unless the check throws first. */
  public static void sleepForever() {
    try {
      BlockingCalls.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Calls {@link #sleepy()}: a frame for the allow-list. */
  public static void allowedCaller() {
    sleepy();
  }
}
