package dev.fftt.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON results of one run into the Markdown tables of RESULTS.md: one table per
 * workload (every peer, 1 and 2 threads, ns/op and B/op, overhead over the workload's baseline)
 * and the table of targets with the measured ratio beside each.
 *
 * <p>Every JMH file given is one round of the same rows; a row's value is the median of all its
 * measured iterations over all rounds (robust against a neighbour's build stealing the CPU for a
 * few seconds). Ratios are always between rows of the same run.
 *
 * <p>Usage: {@code Report [--jmh a.json b.json ...] [--scale s.json] [--startup s.json]
 * [--processor p.json] [--out tables.md]}
 */
public final class Report {

  private static final String[] WORKLOADS =
      {"completed", "pending", "monitor", "retry", "breaker", "bulkhead"};

  /** Median values of one benchmark row. */
  static final class Row {
    final String workload;
    final String peer;
    final int threads;
    final List<Double> scores = new ArrayList<>();
    final List<Double> bytes = new ArrayList<>();

    Row(String workload, String peer, int threads) {
      this.workload = workload;
      this.peer = peer;
      this.threads = threads;
    }

    double ns() {
      return median(scores);
    }

    double spread() {
      return (percentile(scores, 75) - percentile(scores, 25)) / 2;
    }

    double b() {
      return median(bytes);
    }
  }

  private final Map<String, Row> rows = new TreeMap<>();
  private Map<String, Object> scale;
  private Map<String, Object> startup;
  private Map<String, Object> processor;
  private final StringBuilder out = new StringBuilder();
  private final List<String[]> targets = new ArrayList<>();

  public static void main(String[] args) throws IOException {
    Report r = new Report();
    Path outFile = null;
    String mode = null;
    for (String a : args) {
      if (a.startsWith("--")) {
        mode = a;
        continue;
      }
      Path p = Path.of(a);
      switch (mode == null ? "" : mode) {
        case "--jmh":
          if (Files.exists(p)) {
            r.readJmh(p);
          }
          break;
        case "--scale": r.scale = readObject(p); break;
        case "--startup": r.startup = readObject(p); break;
        case "--processor": r.processor = readObject(p); break;
        case "--out": outFile = p; break;
        default: throw new IllegalArgumentException("unexpected argument " + a);
      }
    }
    String text = r.render();
    System.out.print(text);
    if (outFile != null) {
      Files.writeString(outFile, text, StandardCharsets.UTF_8);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readObject(Path p) throws IOException {
    if (!Files.exists(p)) {
      return null;
    }
    return (Map<String, Object>) Json.parse(Files.readString(p, StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  void readJmh(Path file) throws IOException {
    List<Object> list = (List<Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    for (Object o : list) {
      Map<String, Object> b = (Map<String, Object>) o;
      String name = (String) b.get("benchmark"); // dev.fftt.benchmarks.OneThread.pending_guard
      int dot = name.lastIndexOf('.');
      String cls = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
      String method = name.substring(dot + 1);
      int us = method.indexOf('_');
      String workload = method.substring(0, us);
      String peer = method.substring(us + 1);
      int threads = ((Number) b.get("threads")).intValue();
      String key = workload + "|" + peer + "|" + threads;
      Row row = rows.computeIfAbsent(key, k -> new Row(workload, peer, threads));
      if (!cls.startsWith("Woven") && peer.startsWith("woven")) {
        throw new IllegalStateException("unexpected " + name);
      }
      Map<String, Object> primary = (Map<String, Object>) b.get("primaryMetric");
      flatten((List<Object>) primary.get("rawData"), row.scores);
      Map<String, Object> secondary = (Map<String, Object>) b.get("secondaryMetrics");
      if (secondary != null && secondary.get("gc.alloc.rate.norm") != null) {
        Map<String, Object> norm = (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
        flatten((List<Object>) norm.get("rawData"), row.bytes);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(List<Object> raw, List<Double> into) {
    for (Object fork : raw) {
      for (Object v : (List<Object>) fork) {
        into.add(((Number) v).doubleValue());
      }
    }
  }

  Row row(String workload, String peer, int threads) {
    return rows.get(workload + "|" + peer + "|" + threads);
  }

  // ------------------------------------------------------------------------------------ render

  String render() {
    if (!rows.isEmpty()) {
      callTables();
    }
    targetTable();
    return out.toString();
  }

  private void callTables() {
    for (String w : WORKLOADS) {
      List<String> peers = new ArrayList<>();
      for (Row r : rows.values()) {
        if (r.workload.equals(w) && !peers.contains(r.peer)) {
          peers.add(r.peer);
        }
      }
      if (peers.isEmpty()) {
        continue;
      }
      peers.sort((a, b) -> Integer.compare(order(a), order(b)));
      out.append("\n### ").append(title(w)).append("\n\n");
      out.append("| peer | 1 thread: ns/op | ± | B/op | overhead ns | overhead B | × ours | "
          + "2 threads: ns/op per thread | ± | B/op | 2-thread throughput ÷ 1-thread |\n");
      out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      String borrowed = borrowedBaseline(w);
      if (borrowed != null) {
        // the baseline is another workload's row (the same operation, unguarded): shown first
        peers.add(0, "none");
      }
      for (String p : peers) {
        boolean isBorrowed = borrowed != null && p.equals("none");
        Row r1 = isBorrowed ? baseline(w, 1) : row(w, p, 1);
        Row r2 = isBorrowed ? baseline(w, 2) : row(w, p, 2);
        Row b1 = baseline(w, 1);
        Row ours = row(w, "guard", 1);
        Row ourBase = baseline(w, 1);
        StringBuilder line = new StringBuilder("| ")
            .append(isBorrowed ? "no guard (baseline: the `" + borrowed + "` row)" : label(w, p))
            .append(" | ");
        if (r1 != null) {
          line.append(f(r1.ns())).append(" | ").append(f(r1.spread())).append(" | ")
              .append(f0(r1.b())).append(" | ");
          if (p.equals(baselinePeer(w))) {
            line.append("(baseline) | | | ");
          } else if (b1 != null) {
            double over = r1.ns() - b1.ns();
            line.append(f(over)).append(" | ").append(f0(r1.b() - b1.b())).append(" | ");
            if (ours != null && ourBase != null && !p.equals("guard")) {
              double ourOver = ours.ns() - ourBase.ns();
              line.append(ourOver > 0 ? f(over / ourOver) + "×" : "–").append(" | ");
            } else {
              line.append("– | ");
            }
          } else {
            line.append("– | – | – | ");
          }
        } else {
          line.append("– | | | | | | ");
        }
        if (r2 != null) {
          line.append(f(r2.ns())).append(" | ").append(f(r2.spread())).append(" | ")
              .append(f0(r2.b())).append(" | ");
          line.append(r1 != null ? f(2 * r1.ns() / r2.ns()) + "×" : "–").append(" |");
        } else {
          line.append("– | | | – |");
        }
        out.append(line).append('\n');
      }
    }
    out.append("\nns/op and B/op are medians over every measured iteration of every round; ± is half "
        + "the interquartile range. Overhead = row − the workload's baseline row (same threads). "
        + "× ours = this row's overhead ÷ the FFTT guard's overhead. 2-thread throughput ÷ "
        + "1-thread = 2 × ns(1 thread) ÷ ns(2 threads per thread).\n");
  }

  private static String baselinePeer(String w) {
    return w.equals("monitor") ? "nanoTime2" : "none";
  }

  private Row baseline(String w, int threads) {
    if (w.equals("monitor")) {
      return row("monitor", "nanoTime2", threads);
    }
    String borrowed = borrowedBaseline(w);
    if (borrowed != null) {
      return row(borrowed.substring(0, borrowed.indexOf('_')), "none", threads);
    }
    return row(w, "none", threads);
  }

  /**
   * The row a workload without a baseline row of its own is measured against: the unguarded
   * call of the same operation ({@code completed_none} for a completed future, {@code
   * pending_none} for a pending one); {@code null} when the workload has its own.
   */
  static String borrowedBaseline(String w) {
    switch (w) {
      case "retry":
      case "bulkhead":
        return "pending_none";
      case "breaker":
        return "completed_none";
      default:
        return null;
    }
  }

  private static int order(String peer) {
    String[] o = {"none", "nanoTime2", "byHand", "jdk", "r4j", "smallrye", "failsafe", "async",
        "guardNoMonitor", "guard", "guardMicrometerDenied", "guardMicrometerSimple",
        "guardMicrometerPrometheus",
        "wovenNoMonitor", "woven"};
    for (int i = 0; i < o.length; i++) {
      if (o[i].equals(peer)) {
        return i;
      }
    }
    return o.length;
  }

  private static String title(String w) {
    switch (w) {
      case "completed": return "(a) Timeout (+ monitor for FFTT) on an already completed future";
      case "pending": return "(b) Timeout (+ monitor for FFTT) on a pending future completed right after the call";
      case "monitor": return "(c) Monitor only, on a completed future";
      case "retry": return "(d) Retry (3, at once) + timeout (+ monitor for FFTT), pending future, first attempt succeeds";
      case "breaker": return "(e) Circuit breaker only (window 20, opens at 50% failed; stays CLOSED), on a completed future";
      case "bulkhead": return "(f) Bulkhead only (10 at once, 10 waiting; never full), around a pending future completed right after the call";
      default: return w;
    }
  }

  private static String label(String w, String p) {
    switch (p) {
      case "none": return "no guard (baseline)";
      case "nanoTime2": return "two System.nanoTime() around the call (baseline)";
      case "byHand": return "by hand: nanoTime×2 + LongAdder + HdrHistogram Recorder";
      case "jdk": return "JDK `copy().orTimeout()`";
      case "r4j":
        switch (w) {
          case "retry": return "Resilience4j Retry + TimeLimiter";
          case "breaker": return "Resilience4j CircuitBreaker (count-based)";
          case "bulkhead": return "Resilience4j Bulkhead (semaphore)";
          default: return "Resilience4j TimeLimiter";
        }
      case "smallrye": return "SmallRye FT standalone TypedGuard";
      case "failsafe":
        return w.equals("breaker") ? "Failsafe CircuitBreaker" : w.equals("bulkhead") ? "Failsafe Bulkhead" : "Failsafe";
      case "async":
        switch (w) {
          case "retry": return "FFTT `Async.safe`";
          case "breaker":
          case "bulkhead": return "FFTT `AsyncGuard` (public API, no monitor)";
          default: return "FFTT `Async.withTimeout` (no monitor)";
        }
      case "guardNoMonitor": return "FFTT guard, timeout only";
      case "guard": return "**FFTT guard** (the annotations' policy)";
      case "guardMicrometerDenied": return "FFTT guard + Micrometer exporter, every meter denied (no-op meters: FFTT's dispatch only)";
      case "guardMicrometerSimple": return "FFTT guard + Micrometer exporter (`SimpleMeterRegistry`)";
      case "guardMicrometerPrometheus": return "FFTT guard + Micrometer exporter (`PrometheusMeterRegistry`)";
      case "wovenNoMonitor": return "FFTT woven, timeout only";
      case "woven": return "**FFTT woven method** (agent)";
      default: return p;
    }
  }

  // ------------------------------------------------------------------------------------ targets

  private void targetTable() {
    callTargets();
    scaleTargets();
    startupTargets();
    processorTargets();
    out.append("\n### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    for (String[] t : targets) {
      out.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
    }
    out.append("\nEvery ratio is between rows of this run. \"informative\": a figure the issue sets no"
        + " target on (or an earlier target that the issue replaced), shown for reading the others.\n");
  }

  /** A target with a verdict; {@code met == null}: not measured. */
  private void target(String what, String measured, Boolean met, String how) {
    String verdict = met == null ? "not measured" : met ? "**met**"
        : "**missed**" + (how.isEmpty() || how.startsWith(":") ? how : " " + how);
    targets.add(new String[] {what, measured, verdict});
  }

  /** A figure without a verdict. */
  private void informative(String what, String measured) {
    targets.add(new String[] {what, measured, "informative"});
  }

  /** The policy of our rows, by workload and peer (the same for the guard and the woven row). */
  static String policy(String w, String peer) {
    if (peer.endsWith("NoMonitor")) {
      return "timeout only";
    }
    switch (w) {
      case "monitor": return "monitor only";
      case "retry": return "retry + timeout + monitor";
      case "breaker": return "circuit breaker only";
      case "bulkhead": return "bulkhead only";
      default: return "timeout + monitor";
    }
  }

  /** The guard row with the same policy as a woven row: {@code wovenX} → {@code guardX}. */
  static String guardPeerOf(String wovenPeer) {
    return "guard" + wovenPeer.substring("woven".length());
  }

  private void callTargets() {
    if (rows.isEmpty()) {
      target("call-path targets", "no JMH results", null, "");
      return;
    }
    boolean anyWoven = false;
    for (Row r : rows.values()) {
      anyWoven |= r.peer.startsWith("woven");
    }
    if (!anyWoven) {
      target("woven targets", "no woven rows in this run (agent not built?)", null, "");
    }
    // ---- this round's: circuit breaker and bulkhead against Resilience4j's
    for (String ours : new String[] {"guard", "woven"}) {
      for (int t = 1; t <= 2; t++) {
        resilienceTarget("breaker", ours, t);
      }
    }
    for (String ours : new String[] {"guard", "woven"}) {
      for (int t = 1; t <= 2; t++) {
        resilienceTarget("bulkhead", ours, t);
      }
    }
    // ---- blocking=warn: the entry check on a thread that is no loop's
    blockingCheckTargets();
    // ---- the Micrometer exporter's: the same monitored call with FfttMetrics bound
    for (String peer : MICROMETER_PEERS) {
      for (int t = 1; t <= 2; t++) {
        micrometerTarget(peer, t);
      }
    }
    for (int t = 1; t <= 2; t++) {
      Row denied = row("monitor", "guardMicrometerDenied", t);
      Row without = row("monitor", "guard", t);
      if (denied != null && without != null) {
        informative("Micrometer exporter bound, every meter denied (" + t + "T): FFTT's own part"
                + " (dispatch to the listener, the meter look-up, no-op meters) over the same call"
                + " without it",
            f2(denied.ns() / without.ns()) + "× (" + signed(denied.ns() - without.ns()) + " ns); "
                + f0(denied.b()) + " vs " + f0(without.b()) + " B/op");
      }
    }
    // ---- the issue's targets on the woven rows
    for (int t = 1; t <= 2; t++) {
      monitorTarget("woven", t);
    }
    for (int t = 1; t <= 2; t++) {
      for (String w : WORKLOADS) {
        for (String peer : new String[] {"wovenNoMonitor", "woven"}) {
          Row woven = row(w, peer, t);
          if (woven == null) {
            continue;
          }
          Row guard = row(w, guardPeerOf(peer), t);
          String what = "Woven ≤ 1.05× `Guard.call`, same policy, no more B/op: " + w + ", "
              + policy(w, peer) + " (" + t + "T)";
          if (guard == null) {
            target(what, "no guard row `" + w + "_" + guardPeerOf(peer) + "` in this run", null, "");
            continue;
          }
          double ratio = woven.ns() / guard.ns();
          boolean bytesOk = woven.b() <= guard.b() + 0.5;
          target(what, f2(ratio) + "× (" + f(woven.ns()) + " vs " + f(guard.ns()) + " ns); "
                  + f0(woven.b()) + " vs " + f0(guard.b()) + " B/op",
              ratio <= 1.05 && bytesOk,
              ratio > 1.05
                  ? "by " + pct(ratio / 1.05 - 1) + (bytesOk ? "" : ", allocates " + f0(woven.b() - guard.b()) + " B/op more")
                  : ": allocates " + f0(woven.b() - guard.b()) + " B/op more");
        }
      }
    }
    for (int t = 1; t <= 2; t++) {
      pendingTargets("woven", t, true);
    }
    scalingTargets();
    // ---- earlier targets that still apply
    for (int t = 1; t <= 2; t++) {
      monitorTarget("guard", t);
    }
    for (String ours : new String[] {"guard", "woven"}) {
      for (int t = 1; t <= 2; t++) {
        Row comp = row("completed", ours, t);
        Row mon = row("monitor", ours, t);
        if (comp != null && mon != null) {
          double ratio = comp.ns() / mon.ns();
          target("Timeout + monitor, completed (" + ours + ", " + t + "T): ≤ 1.3× monitor only, no timer",
              f2(ratio) + "× (" + f(comp.ns()) + " vs " + f(mon.ns()) + " ns), " + f0(comp.b()) + " B/op",
              ratio <= 1.3, "by " + pct(ratio / 1.3 - 1));
        }
      }
    }
    // ---- the guard's pending figures (the issue's targets are on the woven row)
    for (int t = 1; t <= 2; t++) {
      pendingTargets("guard", t, false);
    }
  }

  /**
   * Closed circuit breaker on a completed future: overhead ≤ 0.5× Resilience4j
   * {@code CircuitBreaker}'s and 0 B/op of ours; bulkhead around a pending call: overhead ≤ 0.5×
   * Resilience4j's semaphore {@code Bulkhead}'s (its B/op shown). Overheads over the workload's
   * unguarded row, same threads.
   */
  private void resilienceTarget(String w, String ours, int t) {
    Row row = row(w, ours, t);
    if (row == null) {
      return;
    }
    boolean breaker = w.equals("breaker");
    String what = (breaker ? "Closed circuit breaker, completed future" : "Bulkhead, pending call")
        + " (" + ours + ", " + t + "T): overhead ≤ 0.5× Resilience4j's"
        + (breaker ? ", 0 B/op" : "");
    Row r4j = row(w, "r4j", t);
    Row none = baseline(w, t);
    if (r4j == null || none == null) {
      target(what, "no `" + (none == null ? borrowedBaseline(w) : w + "_r4j") + "` row at " + t
          + "T in this run", null, "");
      return;
    }
    double over = row.ns() - none.ns();
    double r4jOver = r4j.ns() - none.ns();
    String bytes = breaker ? f0(row.b()) + " B/op"
        : f0(row.b() - none.b()) + " B/op over the baseline (Resilience4j " + f0(r4j.b() - none.b()) + ")";
    if (r4jOver <= 0) {
      target(what, "Resilience4j's overhead " + f(r4jOver) + " ns is not above the baseline: no ratio; "
          + bytes, null, "");
      return;
    }
    double ratio = over / r4jOver;
    boolean bytesOk = !breaker || row.b() < 0.5;
    target(what, f2(ratio) + "× (" + f(over) + " vs " + f(r4jOver) + " ns); " + bytes,
        ratio <= 0.5 && bytesOk,
        ratio > 0.5 ? "by " + pct(ratio / 0.5 - 1) + (bytesOk ? "" : ", allocates") : ": allocates");
  }

  /**
   * {@code blocking=warn} on a thread that is not a loop thread: {@code LockSupport.park} with the
   * agent's entry check ≤ 1.05× without the agent. The target is read on the unpark+park pair (a
   * park that returns at once, so the check's few nanoseconds are not hidden under a real wait);
   * {@code parkNanos(1)}, which really waits, is shown as well.
   */
  private void blockingCheckTargets() {
    String what = "blocking=warn, not a loop thread: LockSupport.park (unpark+park pair, 1T) ≤ 1.05×"
        + " without the agent";
    Row warn = row("parkPair", "blockingWarn", 1);
    Row none = row("parkPair", "none", 1);
    if (warn == null || none == null) {
      // Said even when neither row is in the run: a target missing from the table would read
      // as if nobody had set it (a run before the rows existed shows "see the notes").
      String missing = warn == null && none == null
          ? "no `parkPair` rows in this run (see the notes for figures measured after it)"
          : "no `parkPair_" + (warn == null ? "blockingWarn" : "none") + "` row in this"
              + " run (agent not built?)";
      target(what, missing, null, "");
      return;
    }
    double ratio = warn.ns() / none.ns();
    target(what, f2(ratio) + "× (" + f(warn.ns()) + " vs " + f(none.ns()) + " ns); "
        + f0(warn.b()) + " vs " + f0(none.b()) + " B/op", ratio <= 1.05,
        "by " + pct(ratio / 1.05 - 1));
    Row warnNanos = row("parkNanos", "blockingWarn", 1);
    Row noneNanos = row("parkNanos", "none", 1);
    if (warnNanos != null && noneNanos != null) {
      informative("blocking=warn, not a loop thread: LockSupport.parkNanos(1) (a real wait, the"
              + " timer slack) over the same without the agent",
          f2(warnNanos.ns() / noneNanos.ns()) + "× (" + f(warnNanos.ns()) + " vs "
              + f(noneNanos.ns()) + " ns)");
    }
  }

  /** The monitor rows with the Micrometer exporter bound, each against {@code monitor_guard}. */
  static final String[] MICROMETER_PEERS = {"guardMicrometerSimple", "guardMicrometerPrometheus"};

  /**
   * A monitored completed call with the Micrometer exporter bound: ≤ 1.3× the same call without
   * it ({@code monitor_guard}, same threads), and no more B/op (recording a Timer allocates
   * nothing, so the meters need no bytes on this path).
   */
  private void micrometerTarget(String peer, int t) {
    String registry = peer.endsWith("Prometheus") ? "PrometheusMeterRegistry" : "SimpleMeterRegistry";
    String what = "Micrometer exporter bound (`" + registry + "`, " + t + "T): monitored completed"
        + " call ≤ 1.3× the same call without it, no more B/op";
    Row bound = row("monitor", peer, t);
    if (bound == null) {
      target(what, "no `monitor_" + peer + "` row in this run", null, "");
      return;
    }
    Row without = row("monitor", "guard", t);
    if (without == null) {
      target(what, "no `monitor_guard` row at " + t + "T in this run", null, "");
      return;
    }
    double ratio = bound.ns() / without.ns();
    double extraBytes = bound.b() - without.b();
    boolean bytesOk = extraBytes < 0.5;
    target(what, f2(ratio) + "× (" + f(bound.ns()) + " vs " + f(without.ns()) + " ns); "
            + f0(bound.b()) + " vs " + f0(without.b()) + " B/op",
        ratio <= 1.3 && bytesOk,
        ratio > 1.3
            ? "by " + pct(ratio / 1.3 - 1) + (bytesOk ? "" : ", allocates " + f0(extraBytes) + " B/op more")
            : ": allocates " + f0(extraBytes) + " B/op more");
  }

  /** Monitor only on a completed future: ≤ 1.2× two nanoTime(), 0 B/op. */
  private void monitorTarget(String ours, int t) {
    Row mon = row("monitor", ours, t);
    Row nano = row("monitor", "nanoTime2", t);
    if (mon == null || nano == null) {
      return;
    }
    double ratio = mon.ns() / nano.ns();
    target("Monitor only, completed (" + ours + ", " + t + "T): ≤ 1.2× two nanoTime(), 0 B/op",
        f2(ratio) + "× (" + f(mon.ns()) + " vs " + f(nano.ns()) + " ns), " + f0(mon.b()) + " B/op",
        ratio <= 1.2 && mon.b() < 0.5,
        ratio > 1.2 ? "by " + pct(ratio / 1.2 - 1) + (mon.b() >= 0.5 ? ", allocates" : "") : ": allocates");
  }

  /**
   * Timeout + monitor on a pending future: ≤ 170 B per call including the returned future, and
   * the overhead ≤ 0.65× the fastest peer's (the issue's, on the woven row; {@code verdict ==
   * false}: the same figures for the guard, informative).
   */
  private void pendingTargets(String ours, int t, boolean verdict) {
    Row pend = row("pending", ours, t);
    Row none = row("pending", "none", t);
    if (pend == null || none == null) {
      return;
    }
    double bytes = pend.b() - none.b();
    String what = "Timeout + monitor, pending (" + ours + ", " + t + "T): "
        + (verdict ? "≤ 170 B per call incl. the returned future"
            : "B per call incl. the returned future (the issue's ≤ 170 B is on the woven row)");
    String measured = f0(bytes) + " B/op (row " + f0(pend.b()) + " − the operation's own future "
        + f0(none.b()) + ")";
    if (verdict) {
      target(what, measured, bytes <= 170, "by " + f0(bytes - 170) + " B");
    } else {
      informative(what, measured);
    }
    String best = null;
    double bestOver = Double.MAX_VALUE;
    for (String peer : new String[] {"jdk", "r4j", "smallrye", "failsafe"}) {
      Row r = row("pending", peer, t);
      if (r != null && r.ns() - none.ns() < bestOver) {
        bestOver = r.ns() - none.ns();
        best = peer;
      }
    }
    if (best == null) {
      return;
    }
    double over = pend.ns() - none.ns();
    double ratio = over / bestOver;
    what = "Timeout + monitor, pending (" + ours + ", " + t + "T): overhead "
        + (verdict ? "≤ 0.65× the fastest peer's"
            : "÷ the fastest peer's (the issue's ≤ 0.65× is on the woven row; the guard's earlier target: ≤ 0.5×)");
    measured = f2(ratio) + "× (" + f(over) + " ns vs " + label("pending", best) + " " + f(bestOver) + " ns)";
    if (verdict) {
      target(what, measured, ratio <= 0.65, "by " + pct(ratio / 0.65 - 1));
    } else {
      informative(what, measured);
    }
  }

  /**
   * Two threads: every guarded and woven row's throughput scaling (2 × ns(1T) ÷ ns(2T)) divided
   * by the scaling of its workload's unguarded baseline row in the same run ≥ 0.95.
   */
  private void scalingTargets() {
    for (String w : WORKLOADS) {
      Row b1 = baseline(w, 1);
      Row b2 = baseline(w, 2);
      if (b1 == null || b2 == null) {
        continue;
      }
      double base = 2 * b1.ns() / b2.ns();
      for (String peer : new String[] {"guardNoMonitor", "guard", "wovenNoMonitor", "woven"}) {
        Row r1 = row(w, peer, 1);
        Row r2 = row(w, peer, 2);
        if (r1 == null || r2 == null) {
          continue;
        }
        double scaling = 2 * r1.ns() / r2.ns();
        double ratio = scaling / base;
        target("Two threads, " + w + " (" + peer + ", " + policy(w, peer) + "): scaling ÷ the"
                + " baseline row's ≥ 0.95",
            f2(ratio) + " (" + f2(scaling) + "× vs `" + b1.workload + "_" + b1.peer + "` " + f2(base) + "×)",
            ratio >= 0.95, "by " + pct(1 - ratio / 0.95));
      }
    }
  }

  private void scaleTargets() {
    if (scale == null) {
      target("One million pending", "not run", null, "");
      return;
    }
    double entry = num(scale, "timerEntryBytes");
    double call = num(scale, "bytesPerPendingCall");
    boolean allDone = Boolean.TRUE.equals(scale.get("allCompleted"));
    double left = num(scale, "leftInTimer");
    target("1M pending: ≤ 64 B heap per pending timer entry", f0(entry) + " B", entry <= 64,
        "by " + f0(entry - 64) + " B");
    target("1M pending: ≤ 170 B heap per pending call", f0(call) + " B (excl. the operation's own future)",
        call <= 170, "by " + f0(call - 170) + " B");
    target("1M pending: all complete, none left in the timer",
        (allDone ? "all completed" : "NOT all completed") + " in " + f(num(scale, "completeAllMillis"))
            + " ms; " + f0(left) + " left in the timer",
        allDone && left == 0, "");
  }

  /** The issue's startup configuration. */
  static final int STARTUP_CLASSES = 10_000;

  @SuppressWarnings("unchecked")
  private void startupTargets() {
    if (startup == null) {
      target("Agent startup (10,000 classes, 100 woven methods)", "not run", null, "");
      return;
    }
    Map<String, Object> none = (Map<String, Object>) startup.get("none");
    Map<String, Object> ours = (Map<String, Object>) startup.get("fftt");
    Map<String, Object> noop = (Map<String, Object>) startup.get("noop");
    double classes = num(startup, "classes");
    double annotated = num(startup, "annotated");
    boolean issueSize = classes == STARTUP_CLASSES;
    String size = Double.isNaN(classes) ? "size not recorded" : String.format(Locale.ROOT, "%,d classes, %.0f woven methods"
        + " each called once%s", (long) classes, annotated, issueSize ? "" : "; not the issue's 10,000");
    String wallWhat = "Agent startup (" + size + "): ≤ +0.2 s wall over no agent";
    String rssWhat = "Agent startup (" + size + "): peak RSS ≤ +40 MiB over no agent";
    if (none == null || ours == null) {
      target(wallWhat, "agent not built: not measured", null, "");
      target(rssWhat, "agent not built: not measured", null, "");
      return;
    }
    double dt = num(ours, "wallMedianSeconds") - num(none, "wallMedianSeconds");
    double dm = num(ours, "rssMedianMiB") - num(none, "rssMedianMiB");
    double dc = num(ours, "cpuMedianSeconds") - num(none, "cpuMedianSeconds");
    String overNoop = noop == null ? "" : "; over the no-op agent: "
        + signed(num(ours, "wallMedianSeconds") - num(noop, "wallMedianSeconds")) + " s";
    String wall = "wall " + signed(dt) + " s (CPU " + signed(dc) + " s)" + overNoop;
    String rss = signed(dm) + " MiB" + (noop == null ? "" : "; over the no-op agent: "
        + signed(num(ours, "rssMedianMiB") - num(noop, "rssMedianMiB")) + " MiB");
    if (issueSize) {
      target(wallWhat, wall, dt <= 0.2, "by " + f2(dt - 0.2) + " s");
      target(rssWhat, rss, dm <= 40, "by " + f(dm - 40) + " MiB");
    } else {
      informative(wallWhat, wall);
      informative(rssWhat, rss);
    }
    if (noop != null) {
      informative("Startup floor: a no-op `ClassFileTransformer` agent over no agent",
          "wall " + signed(num(noop, "wallMedianSeconds") - num(none, "wallMedianSeconds")) + " s (CPU "
              + signed(num(noop, "cpuMedianSeconds") - num(none, "cpuMedianSeconds")) + " s), RSS "
              + signed(num(noop, "rssMedianMiB") - num(none, "rssMedianMiB")) + " MiB");
    }
    if (!Double.isNaN(num(ours, "firstCallMedianMicros"))) {
      informative("First call of a woven method (timed in the application)",
          "the first in the JVM: " + f(num(ours, "firstCallMedianMicros")) + " µs (no agent: "
              + f(num(none, "firstCallMedianMicros")) + " µs); each further one, mean: "
              + f(num(ours, "furtherCallsMeanMedianMicros")) + " µs (no agent: "
              + f(num(none, "furtherCallsMeanMedianMicros")) + " µs)");
    }
  }

  /** The issue's processor configuration. */
  static final int PROCESSOR_CLASSES = 2_000;

  @SuppressWarnings("unchecked")
  private void processorTargets() {
    List<Object> sizes = processor == null ? null : (List<Object>) processor.get("sizes");
    if (sizes == null) {
      target("Processor ≤ +10% compile time over a no-op processor (2,000 classes)", "not run", null, "");
      return;
    }
    for (Object o : sizes) {
      Map<String, Object> s = (Map<String, Object>) o;
      long classes = (long) num(s, "classes");
      boolean issueSize = classes == PROCESSOR_CLASSES;
      for (String how : new String[] {"inProcess", "javacProcess"}) {
        Map<String, Object> m = (Map<String, Object>) s.get(how);
        if (m == null) {
          continue;
        }
        String where = how.equals("inProcess") ? "in-process javac, as Maven runs it" : "a javac process each";
        Map<String, Object> none = (Map<String, Object>) m.get("none");
        Map<String, Object> noop = (Map<String, Object>) m.get("noop");
        Map<String, Object> one = (Map<String, Object>) m.get("oneFile");
        Map<String, Object> fftt = (Map<String, Object>) m.get("fftt");
        double wall = num(fftt, "wallMedianMillis") / num(noop, "wallMedianMillis") - 1;
        double cpu = num(fftt, "cpuMedianMillis") / num(noop, "cpuMedianMillis") - 1;
        String what = String.format(Locale.ROOT, "Processor ≤ +10%% compile time over a no-op processor"
            + " (%,d classes, %s)", classes, where);
        String measured = "wall " + signedPct(wall) + " (" + f(num(fftt, "wallMedianMillis")) + " vs "
            + f(num(noop, "wallMedianMillis")) + " ms); CPU " + signedPct(cpu) + "; over `-proc:none`: wall "
            + signedPct(num(fftt, "wallMedianMillis") / num(none, "wallMedianMillis") - 1);
        if (issueSize) {
          target(what, measured, wall <= 0.10, "by " + pct(wall - 0.10));
        } else {
          informative(what, measured);
        }
        informative(String.format(Locale.ROOT, "A second javac round (a no-op processor that generates"
                + " one source, over one that generates none; %,d classes, %s)", classes, where),
            "wall " + signed(num(one, "wallMedianMillis") - num(noop, "wallMedianMillis")) + " ms ("
                + signedPct(num(one, "wallMedianMillis") / num(noop, "wallMedianMillis") - 1) + "); CPU "
                + signed(num(one, "cpuMedianMillis") - num(noop, "cpuMedianMillis")) + " ms");
      }
    }
    if (Boolean.FALSE.equals(processor.get("ffttProcessorRan"))) {
      target("Processor measurement valid", "the FFTT processor did not reject a misused annotation:"
          + " it did not run", false, "");
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  static double num(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  static double median(List<Double> v) {
    return percentile(v, 50);
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    double pos = p / 100.0 * (v.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return v.get(lo) + (v.get(hi) - v.get(lo)) * (pos - lo);
  }

  static String f(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
  }

  static String f0(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    long r = Math.round(v);
    return String.valueOf(r == 0 ? 0 : r);
  }

  static String f2(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  static String signedPct(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.1f%%", v * 100);
  }

  static String signed(double v) {
    return Double.isNaN(v) ? "–" : (v >= 0 ? "+" : "") + f(v);
  }

  /** For tests and tools: the rows read. */
  Map<String, Row> rows() {
    return new LinkedHashMap<>(rows);
  }
}
