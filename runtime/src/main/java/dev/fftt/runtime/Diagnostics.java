package dev.fftt.runtime;

import dev.fftt.runtime.internal.loop.LoopHandle;
import dev.fftt.runtime.internal.loop.LoopRegistry;
import dev.fftt.runtime.internal.monitor.Monitor;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the runtime knows about the calls it guarded and the loops it watches: per-operation
 * counts and latencies, loop stalls, and a health report. Thread-safe; every method is cheap
 * enough to call from a health endpoint. The seed's {@code diagnostics} and
 * {@code diagnose_event_loop_issues()}.
 */
public final class Diagnostics {

  /** An operation is "failing" when more than this share of its recent calls failed or timed out. */
  private static final double FAILING_SHARE = 0.10;
  /** A loop with more tasks waiting than this is reported as backed up. */
  private static final long BACKLOG = 1_000;

  private Diagnostics() {}

  /**
   * The health report now. Its status is {@code UNHEALTHY} when some registered loop is stalled
   * now (a watchdog probe has waited longer than {@code fftt.stallMillis}, default 250 ms);
   * else {@code DEGRADED} when, for some operation, the failures plus timeouts among its recent
   * calls exceed 10% of them, where recent calls are those that ended since the start of the
   * previous 30-second window (so in the last 30 to 60 seconds; after a {@link #reset()}, since
   * the reset); else {@code HEALTHY}.
   */
  public static HealthReport healthReport() {
    List<OperationStats> operations = new ArrayList<>();
    List<String> issues = new ArrayList<>();
    boolean degraded = false;
    for (Monitor m : Monitors.allActive()) {
      OperationStats stats = m.stats();
      operations.add(stats);
      String failing = failingIssue(m, stats);
      if (failing != null) {
        degraded = true;
        issues.add(failing);
      }
      long late = m.lateCompletions();
      if (late > 0) {
        issues.add(String.format(Locale.ROOT, "operation '%s': %d attempt(s) completed after their"
            + " timeout had failed them (their results were ignored); the work outlives the limit,"
            + " so raise the limit or make the work cancellable", stats.name(), late));
      }
    }
    List<LoopStats> loops = new ArrayList<>();
    boolean stalled = false;
    for (LoopHandle l : LoopRegistry.all()) {
      loops.add(new LoopStats(l.name(), l.pending(), l.stalls(), l.maxStallNanos() / 1e6,
          l.stalledNow()));
      stalled |= l.stalledNow();
      issues.addAll(loopIssues(l));
    }
    HealthReport.Status status = stalled ? HealthReport.Status.UNHEALTHY
        : degraded ? HealthReport.Status.DEGRADED : HealthReport.Status.HEALTHY;
    return new HealthReport(status, operations, loops, issues);
  }

  /**
   * The counts of the operation {@code name}, or empty when it has not been called since the last reset.
   *
   * @throws NullPointerException when {@code name} is null
   */
  public static Optional<OperationStats> operation(String name) {
    Monitor m = Monitors.active(Checks.notNull(name, "operation name"));
    return m == null ? Optional.empty() : Optional.of(m.stats());
  }

  /**
   * What is wrong with the loops and the operations, one sentence each: loops stalled now (for
   * how long, with the top frames of the loop thread's stack while it was blocked), loops that
   * stalled earlier, loops with a backlog, operations whose recent calls fail or time out more than
   * 10%, and operations whose attempts complete after their timeout. Empty when all is well.
   */
  public static List<String> diagnoseEventLoopIssues() {
    return healthReport().issues();
  }

  /** Logs the health report (as a table) through SLF4J, or System.Logger when SLF4J is absent. */
  public static void logHealthReport() {
    HealthReport report = healthReport();
    String text = report.toTable();
    if (report.status() == HealthReport.Status.HEALTHY) {
      Log.info(text);
    } else {
      Log.warn(text);
    }
  }

  /**
   * Zeroes every operation's counts and every loop's stall history. Calls in flight stay counted
   * as in flight until they end, and their outcome is then not counted; a stall in progress stays.
   */
  public static void reset() {
    Monitors.resetAll();
    for (LoopHandle l : LoopRegistry.all()) {
      l.resetStalls();
    }
  }

  private static String failingIssue(Monitor m, OperationStats stats) {
    long[] recent = m.recentEndedAndBad(stats);
    long ended = recent[0];
    long bad = recent[1];
    if (ended > 0 && bad > FAILING_SHARE * ended) {
      return String.format(Locale.ROOT, "operation '%s': %d of %d recent calls failed or timed out"
          + " (%.0f%%, above 10%%)", stats.name(), bad, ended, 100.0 * bad / ended);
    }
    return null;
  }

  private static List<String> loopIssues(LoopHandle l) {
    List<String> issues = new ArrayList<>(2);
    if (l.stalledNow()) {
      issues.add(String.format(Locale.ROOT, "event loop '%s' is stalled: a probe has waited %d ms"
          + " (threshold %s ms); its thread was blocked at:%s", l.name(),
          l.currentStallNanos() / 1_000_000, System.getProperty("fftt.stallMillis", "250"),
          LoopHandle.topFrames(l.stallStack(), 8)));
    } else if (l.stalls() > 0) {
      issues.add(String.format(Locale.ROOT, "event loop '%s' stalled %d time(s), the longest for"
          + " %d ms; when last detected its thread was blocked at:%s", l.name(), l.stalls(),
          l.maxStallNanos() / 1_000_000, LoopHandle.topFrames(l.stallStack(), 8)));
    }
    if (l.pending() > BACKLOG) {
      issues.add(String.format(Locale.ROOT, "event loop '%s' has %d tasks waiting", l.name(),
          l.pending()));
    }
    return issues;
  }
}
