package dev.fftt.runtime.internal.monitor;

import dev.fftt.runtime.internal.util.Log;

/**
 * When an operation's recent calls make the health status {@code DEGRADED}: at least
 * {@link #minimumCalls()} of them ended in the recent window (see
 * {@link Monitor#recentEndedAndBad}) and more than {@link #FAILING_PERCENT}% of those failed or
 * timed out. The minimum keeps one early timeout from degrading a service that has made two
 * calls; it is the system property {@value #MINIMUM_CALLS_PROPERTY}, read once (when the first
 * health report is made), default {@value #DEFAULT_MINIMUM_CALLS}.
 *
 * <p>The default is the smallest minimum at which one bad call alone never degrades the status
 * (1 of 10 is 10%, not above it), so it takes at least two.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class HealthRule {

  /** An operation is failing when more than this percentage of its recent calls failed or timed out. */
  public static final int FAILING_PERCENT = 10;
  /** The system property that sets the minimum number of recent calls. */
  public static final String MINIMUM_CALLS_PROPERTY = "fftt.health.minimumCalls";
  /** The minimum number of recent calls when the property is not set (or is bad). */
  public static final int DEFAULT_MINIMUM_CALLS = 10;

  private static final int MINIMUM_CALLS = minimumCalls(System.getProperty(MINIMUM_CALLS_PROPERTY));

  private HealthRule() {}

  /** The minimum number of recent calls in force (the property as read once, else the default). */
  public static int minimumCalls() {
    return MINIMUM_CALLS;
  }

  /**
   * The minimum that {@code value} (the property's text, {@code null} when unset) asks for: a
   * whole number of 1 or more, blanks around it ignored. Anything else logs one warning that
   * names the property, the value and the default used, and gives the default.
   */
  static int minimumCalls(String value) {
    if (value == null) {
      return DEFAULT_MINIMUM_CALLS;
    }
    try {
      int calls = Integer.parseInt(value.trim());
      if (calls >= 1) {
        return calls;
      }
    } catch (NumberFormatException e) {
      // warned below
    }
    Log.warn("FFTT: system property " + MINIMUM_CALLS_PROPERTY + "='" + value + "' is not a whole"
        + " number of calls of 1 or more; using the default " + DEFAULT_MINIMUM_CALLS
        + " (set it to e.g. -D" + MINIMUM_CALLS_PROPERTY + "=20)");
    return DEFAULT_MINIMUM_CALLS;
  }

  /**
   * Whether {@code bad} failures-or-timeouts among {@code ended} recent calls make the operation
   * failing: {@code ended >= minimumCalls()} and {@code bad > FAILING_PERCENT% of ended}.
   */
  public static boolean failing(long ended, long bad) {
    return failing(ended, bad, MINIMUM_CALLS);
  }

  static boolean failing(long ended, long bad, int minimumCalls) {
    // in whole numbers: bad / ended > FAILING_PERCENT / 100, without rounding
    return ended >= minimumCalls && bad * 100 > FAILING_PERCENT * ended;
  }
}
