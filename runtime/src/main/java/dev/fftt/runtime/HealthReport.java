package dev.fftt.runtime;

import dev.fftt.runtime.internal.util.Json;
import java.util.List;
import java.util.Locale;

/**
 * A snapshot of the runtime's health: a status, every monitored operation, every registered loop
 * and the issues found. Immutable. Made by {@link Diagnostics#healthReport()}.
 */
public final class HealthReport {

  /**
   * The overall status. {@link #UNHEALTHY} when some loop is stalled now; else {@link #DEGRADED}
   * when some operation had at least {@code fftt.health.minimumCalls} (system property, default
   * 10) recent calls and its failures plus timeouts exceed 10% of them; else {@link #HEALTHY}.
   * "Stalled now" and "recent" are defined in {@link Diagnostics#healthReport()}.
   */
  public enum Status { HEALTHY, DEGRADED, UNHEALTHY }

  private final Status status;
  private final List<OperationStats> operations;
  private final List<LoopStats> loops;
  private final List<String> issues;

  HealthReport(Status status, List<OperationStats> operations, List<LoopStats> loops,
      List<String> issues) {
    this.status = status;
    this.operations = List.copyOf(operations);
    this.loops = List.copyOf(loops);
    this.issues = List.copyOf(issues);
  }

  /** The overall status. */
  public Status status() {
    return status;
  }

  /** Every operation called since the last reset (or in flight), by name. */
  public List<OperationStats> operations() {
    return operations;
  }

  /**
   * Every registered loop, in registration order. The built-in "swing" loop is registered on
   * first use, so it is listed only once something used the EDT through the runtime.
   */
  public List<LoopStats> loops() {
    return loops;
  }

  /** What is wrong, one sentence each (see {@link Diagnostics#diagnoseEventLoopIssues()}). */
  public List<String> issues() {
    return issues;
  }

  /**
   * The report as JSON: {@code status}, {@code operations} (name, calls, successes, failures,
   * timeouts, cancellations, retries, inFlight, latencyMillis {p50, p99, max}), {@code loops}
   * (name, pending, stalls, maxStallMillis) and {@code issues}. Counts are integers, latencies
   * milliseconds, names escaped.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"status\":").append(Json.string(status.name())).append(",\"operations\":[");
    for (int i = 0; i < operations.size(); i++) {
      OperationStats o = operations.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":").append(Json.string(o.name()))
          .append(",\"calls\":").append(o.calls())
          .append(",\"successes\":").append(o.successes())
          .append(",\"failures\":").append(o.failures())
          .append(",\"timeouts\":").append(o.timeouts())
          .append(",\"cancellations\":").append(o.cancellations())
          .append(",\"retries\":").append(o.retries())
          .append(",\"inFlight\":").append(o.inFlight())
          .append(",\"latencyMillis\":{\"p50\":").append(Json.number(o.p50Millis()))
          .append(",\"p99\":").append(Json.number(o.p99Millis()))
          .append(",\"max\":").append(Json.number(o.maxMillis()))
          .append("}}");
    }
    b.append("],\"loops\":[");
    for (int i = 0; i < loops.size(); i++) {
      LoopStats l = loops.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":").append(Json.string(l.name()))
          .append(",\"pending\":").append(l.pending())
          .append(",\"stalls\":").append(l.stalls())
          .append(",\"maxStallMillis\":").append(Json.number(l.maxStallMillis()))
          .append('}');
    }
    b.append("],\"issues\":[");
    for (int i = 0; i < issues.size(); i++) {
      b.append(i == 0 ? "" : ",").append(Json.string(issues.get(i)));
    }
    return b.append("]}").toString();
  }

  /** The report as a table for people: status, one line per operation and per loop, then the issues. */
  public String toTable() {
    StringBuilder b = new StringBuilder();
    b.append("FFTT health: ").append(status).append('\n');
    b.append(String.format(Locale.ROOT, "%-32s %7s %7s %7s %7s %7s %7s %7s %9s %9s %9s%n",
        "operation", "calls", "ok", "failed", "timeout", "cancel", "retries", "flying",
        "p50 ms", "p99 ms", "max ms"));
    for (OperationStats o : operations) {
      b.append(String.format(Locale.ROOT, "%-32s %7d %7d %7d %7d %7d %7d %7d %9.2f %9.2f %9.2f%n",
          o.name(), o.calls(), o.successes(), o.failures(), o.timeouts(), o.cancellations(),
          o.retries(), o.inFlight(), o.p50Millis(), o.p99Millis(), o.maxMillis()));
    }
    b.append(String.format(Locale.ROOT, "%-32s %7s %7s %12s %s%n", "loop", "pending", "stalls",
        "max stall ms", "now"));
    for (LoopStats l : loops) {
      b.append(String.format(Locale.ROOT, "%-32s %7d %7d %12.1f %s%n", l.name(), l.pending(),
          l.stalls(), l.maxStallMillis(), l.stalledNow() ? "STALLED" : "ok"));
    }
    for (String issue : issues) {
      b.append("issue: ").append(issue).append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
