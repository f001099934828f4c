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
   * 10) recent calls and its failures plus timeouts exceed 10% of them, or a circuit breaker is
   * OPEN or HALF_OPEN, or a bulkhead refused more than 10% of its recent attempts; else
   * {@link #HEALTHY}. "Stalled now" and "recent" are defined in {@link Diagnostics#healthReport()}.
   */
  public enum Status { HEALTHY, DEGRADED, UNHEALTHY }

  private final Status status;
  private final List<OperationStats> operations;
  private final List<LoopStats> loops;
  private final List<String> issues;
  private final List<CircuitBreakerStats> circuitBreakers;
  private final List<BulkheadStats> bulkheads;

  HealthReport(Status status, List<OperationStats> operations, List<LoopStats> loops,
      List<String> issues, List<CircuitBreakerStats> circuitBreakers,
      List<BulkheadStats> bulkheads) {
    this.status = status;
    this.operations = List.copyOf(operations);
    this.loops = List.copyOf(loops);
    this.issues = List.copyOf(issues);
    this.circuitBreakers = List.copyOf(circuitBreakers);
    this.bulkheads = List.copyOf(bulkheads);
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

  /**
   * Every circuit breaker, by name (listed from the first call of its operation, whether or not
   * it is monitored).
   */
  public List<CircuitBreakerStats> circuitBreakers() {
    return circuitBreakers;
  }

  /** Every bulkhead, by name (listed from the first call of its operation). */
  public List<BulkheadStats> bulkheads() {
    return bulkheads;
  }

  /** What is wrong, one sentence each (see {@link Diagnostics#diagnoseEventLoopIssues()}). */
  public List<String> issues() {
    return issues;
  }

  /**
   * The report as JSON: {@code status}, {@code operations} (name, calls, successes, failures,
   * timeouts, cancellations, retries, inFlight, latencyMillis {p50, p99, max}, fallbacks,
   * rejections), {@code loops} (name, pending, stalls, maxStallMillis, blockingCalls), {@code issues},
   * {@code circuitBreakers} (name, state, windowSize, windowFailures, windowCalls, opened,
   * rejected, nextTrialInMillis) and {@code bulkheads} (name, maxConcurrent, queueCapacity,
   * running, waiting, accepted, rejected, maxWaitMillis). Counts are integers, times
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
          .append("},\"fallbacks\":").append(o.fallbacks())
          .append(",\"rejections\":").append(o.rejections())
          .append('}');
    }
    b.append("],\"loops\":[");
    for (int i = 0; i < loops.size(); i++) {
      LoopStats l = loops.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":").append(Json.string(l.name()))
          .append(",\"pending\":").append(l.pending())
          .append(",\"stalls\":").append(l.stalls())
          .append(",\"maxStallMillis\":").append(Json.number(l.maxStallMillis()))
          .append(",\"blockingCalls\":").append(l.blockingCalls())
          .append('}');
    }
    b.append("],\"issues\":[");
    for (int i = 0; i < issues.size(); i++) {
      b.append(i == 0 ? "" : ",").append(Json.string(issues.get(i)));
    }
    b.append("],\"circuitBreakers\":[");
    for (int i = 0; i < circuitBreakers.size(); i++) {
      CircuitBreakerStats c = circuitBreakers.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":").append(Json.string(c.name()))
          .append(",\"state\":").append(Json.string(c.state()))
          .append(",\"windowSize\":").append(c.windowSize())
          .append(",\"windowFailures\":").append(c.windowFailures())
          .append(",\"windowCalls\":").append(c.windowCalls())
          .append(",\"opened\":").append(c.opened())
          .append(",\"rejected\":").append(c.rejected())
          .append(",\"nextTrialInMillis\":").append(Json.number(c.nextTrialInMillis()))
          .append('}');
    }
    b.append("],\"bulkheads\":[");
    for (int i = 0; i < bulkheads.size(); i++) {
      BulkheadStats h = bulkheads.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":").append(Json.string(h.name()))
          .append(",\"maxConcurrent\":").append(h.maxConcurrent())
          .append(",\"queueCapacity\":").append(h.queueCapacity())
          .append(",\"running\":").append(h.running())
          .append(",\"waiting\":").append(h.waiting())
          .append(",\"accepted\":").append(h.accepted())
          .append(",\"rejected\":").append(h.rejected())
          .append(",\"maxWaitMillis\":").append(Json.number(h.maxWaitMillis()))
          .append('}');
    }
    return b.append("]}").toString();
  }

  /** The report as a table for people: status, one line per operation and per loop, then the issues. */
  public String toTable() {
    StringBuilder b = new StringBuilder();
    b.append("FFTT health: ").append(status).append('\n');
    b.append(String.format(Locale.ROOT,
        "%-32s %7s %7s %7s %7s %7s %7s %7s %8s %8s %9s %9s %9s%n",
        "operation", "calls", "ok", "failed", "timeout", "cancel", "retries", "flying",
        "fallback", "refused", "p50 ms", "p99 ms", "max ms"));
    for (OperationStats o : operations) {
      b.append(String.format(Locale.ROOT,
          "%-32s %7d %7d %7d %7d %7d %7d %7d %8d %8d %9.2f %9.2f %9.2f%n",
          o.name(), o.calls(), o.successes(), o.failures(), o.timeouts(), o.cancellations(),
          o.retries(), o.inFlight(), o.fallbacks(), o.rejections(), o.p50Millis(), o.p99Millis(),
          o.maxMillis()));
    }
    b.append(String.format(Locale.ROOT, "%-32s %7s %7s %12s %9s %s%n", "loop", "pending", "stalls",
        "max stall ms", "blocking", "now"));
    for (LoopStats l : loops) {
      b.append(String.format(Locale.ROOT, "%-32s %7d %7d %12.1f %9d %s%n", l.name(), l.pending(),
          l.stalls(), l.maxStallMillis(), l.blockingCalls(), l.stalledNow() ? "STALLED" : "ok"));
    }
    if (!circuitBreakers.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%-32s %-9s %7s %7s %7s %9s%n", "circuit breaker",
          "state", "window", "failed", "opened", "rejected"));
      for (CircuitBreakerStats c : circuitBreakers) {
        b.append(String.format(Locale.ROOT, "%-32s %-9s %3d/%-3d %7d %7d %9d%n", c.name(),
            c.state(), c.windowCalls(), c.windowSize(), c.windowFailures(), c.opened(),
            c.rejected()));
      }
    }
    if (!bulkheads.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%-32s %7s %7s %9s %9s %12s%n", "bulkhead", "running",
          "waiting", "accepted", "rejected", "max wait ms"));
      for (BulkheadStats h : bulkheads) {
        b.append(String.format(Locale.ROOT, "%-32s %3d/%-3d %3d/%-3d %9d %9d %12.1f%n", h.name(),
            h.running(), h.maxConcurrent(), h.waiting(), h.queueCapacity(), h.accepted(),
            h.rejected(), h.maxWaitMillis()));
      }
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
