package dev.fftt.runtime;

import dev.fftt.runtime.internal.health.BearerToken;
import dev.fftt.runtime.internal.health.HealthPage;
import dev.fftt.runtime.internal.loop.LoopHandle;
import dev.fftt.runtime.internal.loop.LoopRegistry;
import dev.fftt.runtime.internal.monitor.HealthRule;
import dev.fftt.runtime.internal.monitor.Monitor;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.resilience.Breaker;
import dev.fftt.runtime.internal.resilience.BulkheadGate;
import dev.fftt.runtime.internal.resilience.Resilience;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.weave.EffectivePolicies;
import dev.fftt.runtime.internal.weave.Overrides;
import dev.fftt.runtime.internal.util.Log;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime knows about the calls it guarded and the loops it watches: per-operation
 * counts and latencies, loop stalls, and a health report. Thread-safe; every method is cheap
 * enough to call from a health endpoint. The seed's {@code diagnostics} and
 * {@code diagnose_event_loop_issues()}.
 *
 * <p>Settings (system properties): {@code fftt.stallMillis}, the stall threshold (default 250,
 * read on every watchdog tick); {@code fftt.health.minimumCalls}, the fewest recent calls an
 * operation needs before its failures can make the status {@code DEGRADED} (default 10, read
 * once, at the first report). A bad value is logged once as a warning that names it, and the
 * default is used.
 */
public final class Diagnostics {

  /** A loop with more tasks waiting than this is reported as backed up. */
  private static final long BACKLOG = 1_000;

  private Diagnostics() {}

  /**
   * The health report now. Its status is:
   *
   * <ul>
   *   <li>{@code UNHEALTHY} when some registered loop is stalled now: at the stall watchdog's last
   *       tick its probe had been waiting longer than the threshold ({@code fftt.stallMillis},
   *       default 250 ms);
   *   <li>else {@code DEGRADED} when some operation had at least {@code fftt.health.minimumCalls}
   *       (default 10) recent calls and more than 10% of them failed or timed out (cancellations
   *       count as calls, not as failures);
   *   <li>else {@code HEALTHY}.
   * </ul>
   *
   * <p>Recent calls are those that ended since the start of the 30-second window before the
   * current one. Reports start the windows: a report that finds the current window 30 s old or
   * older starts a new one. So while reports come at least every 30 s (a polled health endpoint)
   * recent means the last 30 to 60 s; after a longer pause it reaches back to the window started
   * before the pause; after a {@link #reset()}, only since the reset.
   *
   * <p>The loops listed are the registered ones. The built-in "swing" loop is registered on first
   * use (see {@link EventLoops}), so a JVM that never used the EDT does not list it.
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
      LoopHandle.Stalls s = l.stallState();
      long pending = l.pending();
      loops.add(new LoopStats(l.name(), pending, s.stalls(), s.maxStallNanos() / 1e6,
          s.stalledNow(), l.blockingCalls()));
      stalled |= s.stalledNow();
      loopIssues(l.name(), pending, s, issues);
      blockingIssues(l, issues);
    }
    List<CircuitBreakerStats> breakers = new ArrayList<>();
    for (Breaker b : Resilience.breakers()) {
      CircuitBreakerStats c = b.stats();
      breakers.add(c);
      if (!c.state().equals("CLOSED")) {
        degraded = true;
        issues.add(breakerIssue(c, b.openedBecause()));
      }
    }
    List<BulkheadStats> bulkheads = new ArrayList<>();
    for (BulkheadGate g : Resilience.bulkheads()) {
      BulkheadStats h = g.stats();
      bulkheads.add(h);
      long[] recent = g.recentAttemptsAndRejected(h);
      if (recent[0] > 0 && recent[1] * 100 > HealthRule.FAILING_PERCENT * recent[0]) {
        degraded = true;
        issues.add(String.format(Locale.ROOT, "bulkhead '%s' refused %d of %d recent attempts"
            + " (%s%%, above %d%%): %d may run at once and %d wait; raise @Bulkhead's value or"
            + " waitingTaskQueue, or make the work faster", h.name(), recent[1], recent[0],
            percent(recent[1], recent[0]), HealthRule.FAILING_PERCENT, h.maxConcurrent(),
            h.queueCapacity()));
      }
    }
    HealthReport.Status status = stalled ? HealthReport.Status.UNHEALTHY
        : degraded ? HealthReport.Status.DEGRADED : HealthReport.Status.HEALTHY;
    return new HealthReport(status, operations, loops, issues, breakers, bulkheads);
  }

  /**
   * The counts of the operation {@code name}, or empty when it has not been called since the last
   * reset (a call still in flight counts).
   *
   * @throws NullPointerException when {@code name} is null
   */
  public static Optional<OperationStats> operation(String name) {
    Monitor m = Monitors.active(Checks.notNull(name, "operation name"));
    return m == null ? Optional.empty() : Optional.of(m.stats());
  }

  /**
   * The circuit breaker of the operation {@code name}, or empty when no breaker of that name has
   * been used.
   *
   * @throws NullPointerException when {@code name} is null
   */
  public static Optional<CircuitBreakerStats> circuitBreaker(String name) {
    Breaker b = Resilience.findBreaker(Checks.notNull(name, "operation name"));
    return b == null ? Optional.empty() : Optional.of(b.stats());
  }

  /**
   * The bulkhead of the operation {@code name}, or empty when no bulkhead of that name has been
   * used.
   *
   * @throws NullPointerException when {@code name} is null
   */
  public static Optional<BulkheadStats> bulkhead(String name) {
    BulkheadGate g = Resilience.findBulkhead(Checks.notNull(name, "operation name"));
    return g == null ? Optional.empty() : Optional.of(g.stats());
  }

  /**
   * The registered event loop {@code name} now (as {@code loops} in the health report lists it),
   * or empty when no loop of that name is registered. Unlike the health report it starts no
   * recent window, so a meter may read it on every scrape.
   *
   * @throws NullPointerException when {@code name} is null
   */
  public static Optional<LoopStats> loop(String name) {
    Checks.notNull(name, "loop name");
    for (LoopHandle l : LoopRegistry.all()) {
      if (l.name().equals(name)) {
        LoopHandle.Stalls s = l.stallState();
        return Optional.of(new LoopStats(l.name(), l.pending(), s.stalls(),
            s.maxStallNanos() / 1e6, s.stalledNow(), l.blockingCalls()));
      }
    }
    return Optional.empty();
  }

  /**
   * The settings in force for the woven operation {@code name}: its annotations' values merged
   * with the configuration overrides, each with its source; empty until a woven method of that
   * name has been called (its policy is resolved on its first call).
   *
   * @throws NullPointerException when {@code name} is null
   */
  public static Optional<EffectivePolicy> effectivePolicy(String name) {
    return Optional.ofNullable(EffectivePolicies.find(Checks.notNull(name, "operation name")));
  }

  /**
   * What is wrong with the loops and the operations, one sentence each: loops stalled now (for
   * how long, the threshold in force, and the top frames of the loop thread's stack while it was
   * blocked), loops that stalled since the last reset, loops with more than 1,000 tasks waiting,
   * operations whose recent calls make the status {@code DEGRADED} (see {@link #healthReport()};
   * the sentence names the operation and its share), and operations whose attempts complete after
   * their timeout. Empty when all is well.
   */
  public static List<String> diagnoseEventLoopIssues() {
    return healthReport().issues();
  }

  /**
   * Logs the health report (as a table) through SLF4J, or System.Logger when SLF4J is absent:
   * at INFO when {@code HEALTHY}, else at WARN.
   */
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
   * Serves the live health page at {@code address} until the returned server is closed:
   * {@code /fftt/} is a page that shows {@link #healthReport()} and refreshes itself every 2 s,
   * {@code /fftt/health} the report's JSON (status 200 when {@code HEALTHY} or {@code DEGRADED},
   * 503 when {@code UNHEALTHY}). One daemon thread, {@code fftt-health}, answers; it never waits
   * on a loop. Port 0 picks a free port ({@link HealthServer#address()} says which). Bind a
   * loopback address (e.g. {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 9404)})
   * unless other machines must reach it.
   *
   * <p>When a token is set (system property {@code fftt.health.token}, else environment variable
   * {@code FFTT_HEALTH_TOKEN}, else {@code health.token} in the agent's config file; read now),
   * requests for the JSON must carry {@code Authorization: Bearer <token>} or get 401; the page
   * itself does not need it and sends the token it reads from its address's fragment
   * ({@code /fftt/#token=...}).
   *
   * @throws NullPointerException when {@code address} is null
   * @throws IllegalArgumentException when {@code address} is unresolved
   * @throws UncheckedIOException naming the address when it cannot be bound (say, the port is in
   *     use); nothing is left running then
   * @throws IllegalStateException when this JDK has no {@code jdk.httpserver} module
   */
  public static HealthServer serveHealth(InetSocketAddress address) {
    Checks.notNull(address, "address");
    Checks.argument(!address.isUnresolved(), "cannot serve the health page at %s: the host name"
        + " does not resolve", address);
    BearerToken token = BearerToken.resolve(System.getProperties(), System.getenv(),
        Overrides.current().healthToken());
    return new HealthServer(HealthPage.serve(address, token));
  }

  /**
   * Zeroes every operation's counts (and starts its recent window afresh), every loop's stall
   * history, and every bulkhead's counts; closes every circuit breaker (its window cleared, its
   * counts zeroed). Calls in flight stay counted as in flight until they end, and their outcome
   * is then not counted; a stall in progress stays (as one stall, as long as it has lasted);
   * bulkhead permits held and attempts waiting stay.
   */
  public static void reset() {
    Monitors.resetAll();
    Resilience.resetAll();
    for (LoopHandle l : LoopRegistry.all()) {
      l.resetStalls();
      l.resetBlockingCalls();
    }
  }

  private static String breakerIssue(CircuitBreakerStats c, String because) {
    if (c.state().equals("OPEN")) {
      return String.format(Locale.ROOT, "circuit breaker '%s' is OPEN: %s; next trial in %.1f s",
          c.name(), because, c.nextTrialInMillis() / 1000);
    }
    return String.format(Locale.ROOT, "circuit breaker '%s' is HALF_OPEN: it opened because %s;"
        + " trial attempts now decide whether it closes", c.name(), because);
  }

  private static String failingIssue(Monitor m, OperationStats stats) {
    long[] recent = m.recentEndedAndBad(stats);
    long ended = recent[0];
    long bad = recent[1];
    if (HealthRule.failing(ended, bad)) {
      return String.format(Locale.ROOT, "operation '%s': %d of %d recent calls failed or timed out"
          + " (%s%%, above %d%%)", stats.name(), bad, ended, percent(bad, ended),
          HealthRule.FAILING_PERCENT);
    }
    return null;
  }

  /** {@code part} of {@code whole} as a whole percentage, or with one decimal when that would round down to the limit. */
  private static String percent(long part, long whole) {
    double p = 100.0 * part / whole;
    String rounded = String.format(Locale.ROOT, "%.0f", p);
    return Double.parseDouble(rounded) > HealthRule.FAILING_PERCENT ? rounded
        : String.format(Locale.ROOT, "%.1f", p);
  }

  /** How many distinct blocking call sites the issues name per loop (the count covers all). */
  private static final int BLOCKING_SITES_LISTED = 5;

  private static void blockingIssues(LoopHandle l, List<String> issues) {
    long calls = l.blockingCalls();
    if (calls == 0) {
      return;
    }
    Map<String, Long> sites = l.blockingSites();
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, Long> e : sites.entrySet()) {
      if (n++ == BLOCKING_SITES_LISTED) {
        b.append("; and ").append(sites.size() - BLOCKING_SITES_LISTED).append(" more site(s)");
        break;
      }
      b.append(n == 1 ? "" : "; ").append(e.getKey()).append(" (").append(e.getValue())
          .append("x)");
    }
    issues.add(String.format(Locale.ROOT, "event loop '%s' made %d blocking call(s) on its thread:"
        + " %s; compose the future instead of waiting, or move the call to another executor",
        l.name(), calls, b));
  }

  private static void loopIssues(String name, long pending, LoopHandle.Stalls s,
      List<String> issues) {
    if (s.stalledNow()) {
      issues.add(String.format(Locale.ROOT, "event loop '%s' is stalled: a probe has waited %d ms"
          + " (threshold %d ms); its thread was blocked at:%s", name,
          s.currentStallNanos() / 1_000_000, s.thresholdNanos() / 1_000_000,
          LoopHandle.topFrames(s.stack(), 8)));
    } else if (s.stalls() > 0) {
      issues.add(String.format(Locale.ROOT, "event loop '%s' stalled %d time(s), the longest for"
          + " %d ms; when last detected its thread was blocked at:%s", name, s.stalls(),
          s.maxStallNanos() / 1_000_000, LoopHandle.topFrames(s.stack(), 8)));
    }
    if (pending > BACKLOG) {
      issues.add(String.format(Locale.ROOT, "event loop '%s' has %d tasks waiting", name, pending));
    }
  }
}
