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

  private static final String[] WORKLOADS = {"completed", "pending", "monitor", "retry"};

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
      String base = w.equals("monitor") ? "nanoTime2" : w.equals("retry") ? null : "none";
      out.append("\n### ").append(title(w)).append("\n\n");
      out.append("| peer | 1 thread: ns/op | ± | B/op | overhead ns | overhead B | × ours | "
          + "2 threads: ns/op per thread | ± | B/op | 2-thread throughput ÷ 1-thread |\n");
      out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String p : peers) {
        Row r1 = row(w, p, 1);
        Row r2 = row(w, p, 2);
        Row b1 = baseline(w, 1);
        Row ours = row(w, "guard", 1);
        Row ourBase = baseline(w, 1);
        StringBuilder line = new StringBuilder("| ").append(label(w, p)).append(" | ");
        if (r1 != null) {
          line.append(f(r1.ns())).append(" | ").append(f(r1.spread())).append(" | ")
              .append(f0(r1.b())).append(" | ");
          if (b1 != null && !p.equals(baselinePeer(w))) {
            double over = r1.ns() - b1.ns();
            line.append(f(over)).append(" | ").append(f0(r1.b() - b1.b())).append(" | ");
            if (ours != null && ourBase != null && !p.equals("guard")) {
              double ourOver = ours.ns() - ourBase.ns();
              line.append(ourOver > 0 ? f(over / ourOver) + "×" : "–").append(" | ");
            } else {
              line.append("– | ");
            }
          } else {
            line.append("(baseline) | | | ");
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
      if (base == null) {
        out.append("\nBaseline for the overhead: the pending workload's unguarded row.\n");
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
    if (w.equals("retry")) {
      return row("pending", "none", threads);
    }
    return row(w, "none", threads);
  }

  private static int order(String peer) {
    String[] o = {"none", "nanoTime2", "byHand", "jdk", "r4j", "smallrye", "failsafe", "async",
        "guardNoMonitor", "guard", "wovenNoMonitor", "woven"};
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
      default: return "(d) Retry (3, at once) + timeout (+ monitor for FFTT), pending future, first attempt succeeds";
    }
  }

  private static String label(String w, String p) {
    switch (p) {
      case "none": return "no guard (baseline)";
      case "nanoTime2": return "two System.nanoTime() around the call (baseline)";
      case "byHand": return "by hand: nanoTime×2 + LongAdder + HdrHistogram Recorder";
      case "jdk": return "JDK `copy().orTimeout()`";
      case "r4j": return w.equals("retry") ? "Resilience4j Retry + TimeLimiter" : "Resilience4j TimeLimiter";
      case "smallrye": return "SmallRye FT standalone TypedGuard";
      case "failsafe": return "Failsafe";
      case "async": return w.equals("retry") ? "FFTT `Async.safe`" : "FFTT `Async.withTimeout` (no monitor)";
      case "guardNoMonitor": return "FFTT guard, timeout only";
      case "guard": return "**FFTT guard** (the annotations' policy)";
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
    out.append("\n### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    for (String[] t : targets) {
      out.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
    }
  }

  private void target(String what, String measured, Boolean met, String how) {
    String verdict = met == null ? "not measured" : met ? "**met**" : "**missed** " + how;
    targets.add(new String[] {what, measured, verdict});
  }

  private void callTargets() {
    if (rows.isEmpty()) {
      target("call-path targets", "no JMH results", null, "");
      return;
    }
    for (String ours : new String[] {"guard", "woven"}) {
      String who = ours.equals("guard") ? "guard" : "woven";
      for (int t = 1; t <= 2; t++) {
        Row mon = row("monitor", ours, t);
        Row nano = row("monitor", "nanoTime2", t);
        if (mon != null && nano != null) {
          double ratio = mon.ns() / nano.ns();
          target("Monitor only, completed (" + who + ", " + t + "T): ≤ 1.2× two nanoTime(), 0 B/op",
              f2(ratio) + "× (" + f(mon.ns()) + " vs " + f(nano.ns()) + " ns), " + f0(mon.b()) + " B/op",
              ratio <= 1.2 && mon.b() < 0.5,
              "by " + pct(ratio / 1.2 - 1) + (mon.b() >= 0.5 ? ", allocates" : ""));
        }
        Row comp = row("completed", ours, t);
        if (comp != null && mon != null) {
          double ratio = comp.ns() / mon.ns();
          target("Timeout + monitor, completed (" + who + ", " + t + "T): ≤ 1.3× monitor only, no timer",
              f2(ratio) + "× (" + f(comp.ns()) + " vs " + f(mon.ns()) + " ns), " + f0(comp.b()) + " B/op",
              ratio <= 1.3, "by " + pct(ratio / 1.3 - 1));
        }
        Row pend = row("pending", ours, t);
        Row none = row("pending", "none", t);
        if (pend != null && none != null) {
          String best = null;
          double bestOver = Double.MAX_VALUE;
          for (String peer : new String[] {"jdk", "r4j", "smallrye", "failsafe"}) {
            Row r = row("pending", peer, t);
            if (r != null && r.ns() - none.ns() < bestOver) {
              bestOver = r.ns() - none.ns();
              best = peer;
            }
          }
          double over = pend.ns() - none.ns();
          if (best != null) {
            double ratio = over / bestOver;
            target("Timeout + monitor, pending (" + who + ", " + t + "T): overhead ≤ 0.5× fastest peer's",
                f2(ratio) + "× (" + f(over) + " ns vs " + label("pending", best) + " " + f(bestOver) + " ns)",
                ratio <= 0.5, "by " + pct(ratio / 0.5 - 1));
          }
          double bytes = pend.b() - none.b();
          target("Timeout + monitor, pending (" + who + ", " + t + "T): ≤ 170 B per call incl. the returned future",
              f0(bytes) + " B/op (row " + f0(pend.b()) + " − the operation's own future " + f0(none.b()) + ")",
              bytes <= 170, "by " + f0(bytes - 170) + " B");
        }
      }
      for (String w : WORKLOADS) {
        Row r1 = row(w, ours, 1);
        Row r2 = row(w, ours, 2);
        if (r1 != null && r2 != null) {
          double scaling = 2 * r1.ns() / r2.ns();
          // the machine's own scaling on comparable work: the two nanoTime() row for the
          // completed-future workloads (the unguarded row there costs well under a nanosecond),
          // the unguarded pending row (a new future, completed) for the pending ones
          boolean onDone = w.equals("monitor") || w.equals("completed");
          Row b1 = row(onDone ? "monitor" : "pending", onDone ? "nanoTime2" : "none", 1);
          Row b2 = row(onDone ? "monitor" : "pending", onDone ? "nanoTime2" : "none", 2);
          double machineScaling = b1 != null && b2 != null ? 2 * b1.ns() / b2.ns() : Double.NaN;
          String machine = Double.isNaN(machineScaling) ? ""
              : " (the workload's baseline row, same run: " + f2(machineScaling) + "×; ours ÷ baseline's: "
                  + f2(scaling / machineScaling) + ")";
          String bound = !Double.isNaN(machineScaling) && machineScaling < 1.8
              ? "; the baseline row, which shares nothing, reached only " + f2(machineScaling)
                  + "×: bounded by the machine" : "";
          target("Two threads ≥ 1.8× one thread: " + w + " (" + who + ")",
              f2(scaling) + "×" + machine, scaling >= 1.8, "by " + pct(1 - scaling / 1.8) + bound);
        }
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

  @SuppressWarnings("unchecked")
  private void startupTargets() {
    if (startup == null) {
      target("Agent startup (10,000 classes)", "not run", null, "");
    } else {
      Map<String, Object> none = (Map<String, Object>) startup.get("none");
      Map<String, Object> ours = (Map<String, Object>) startup.get("fftt");
      if (none == null || ours == null) {
        target("Agent startup: ≤ +0.3 s over no agent", "agent not built: not measured", null, "");
        target("Agent startup: peak RSS ≤ +40 MiB", "agent not built: not measured", null, "");
      } else {
        double dt = num(ours, "wallMedianSeconds") - num(none, "wallMedianSeconds");
        double dm = num(ours, "rssMedianMiB") - num(none, "rssMedianMiB");
        double dc = num(ours, "cpuMedianSeconds") - num(none, "cpuMedianSeconds");
        target("Agent startup: ≤ +0.3 s over no agent", "wall +" + f2(dt) + " s (CPU +" + f2(dc) + " s)",
            dt <= 0.3, "by " + f2(dt - 0.3) + " s");
        target("Agent startup: peak RSS ≤ +40 MiB", "+" + f(dm) + " MiB", dm <= 40,
            "by " + f(dm - 40) + " MiB");
      }
    }
    if (processor == null) {
      target("Processor ≤ +10% compile time (200 classes)", "not run", null, "");
    } else {
      for (String k : new String[] {"inProcess", "javacProcess"}) {
        Map<String, Object> m = (Map<String, Object>) processor.get(k);
        if (m == null) {
          continue;
        }
        double ratio = num(m, "withMedianMillis") / num(m, "withoutMedianMillis") - 1;
        double cpu = num(m, "withCpuMedianMillis") / num(m, "withoutCpuMedianMillis") - 1;
        target("Processor ≤ +10% compile time (200 classes, "
                + (k.equals("inProcess") ? "in-process javac, as Maven runs it" : "a javac process each") + ")",
            "wall +" + pct(ratio) + " (" + f(num(m, "withMedianMillis")) + " vs " + f(num(m, "withoutMedianMillis"))
                + " ms)" + (Double.isNaN(cpu) ? "" : "; CPU +" + pct(cpu)),
            ratio <= 0.10, "by " + pct(ratio - 0.10));
      }
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
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

  /** For tests and tools: the rows read. */
  Map<String, Row> rows() {
    return new LinkedHashMap<>(rows);
  }
}
