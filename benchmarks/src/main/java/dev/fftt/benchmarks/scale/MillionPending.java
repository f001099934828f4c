package dev.fftt.benchmarks.scale;

import dev.fftt.benchmarks.report.Json;
import dev.fftt.runtime.internal.guard.Attempt;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.timer.TimerWheel;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * One million guarded calls pending at once: each operation returns a pending future and the
 * guard schedules its timeout (one hour: it never fires here); then all operations complete.
 *
 * <p>Measured: the heap retained per pending call (after full GCs, by difference against the
 * same heap holding only the operations' own futures), split by class with the JVM's class
 * histogram, so the timer entry's share is read off directly; the time to start them all and to
 * complete them all; and that afterwards every caller's future holds the value and nothing is
 * left in the timer.
 *
 * <p>Usage: {@code MillionPending [calls] [out.json]} (defaults 1000000, no file). Run it alone in
 * its JVM (run.sh gives it {@code -Xmx3g}); it prints a Markdown table and writes JSON.
 */
public final class MillionPending {

  private static final String VALUE = "ok";

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path out = args.length > 1 ? Path.of(args[1]) : null;

    GuardPolicy policy = GuardPolicy.builder("bench.million")
        .monitor("bench.million")
        .timeout(Duration.ofHours(1), true)
        .build();
    TimerWheel wheel = TimerWheel.get();

    // warm the code path (and start the timer thread) so one-time costs are not counted
    warmUp(policy, wheel);

    @SuppressWarnings("unchecked")
    CompletableFuture<String>[] ops = new CompletableFuture[n];
    @SuppressWarnings("unchecked")
    CompletableFuture<String>[] results = new CompletableFuture[n];
    for (int i = 0; i < n; i++) {
      ops[i] = new CompletableFuture<>();
    }
    Holder holder = new Holder();

    long heapBefore = usedHeapAfterGc();
    Map<String, long[]> histBefore = classHistogram();
    java.lang.ref.Reference.reachabilityFence(results);

    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      holder.current = ops[i];
      results[i] = Guard.call(policy, holder);
    }
    long startNanos = System.nanoTime() - t0;
    waitFor(() -> !wheel.handOverPending() && wheel.pending() >= n, 60);
    long linked = wheel.pending();

    long heapPending = usedHeapAfterGc();
    Map<String, long[]> histPending = classHistogram();

    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ops[i].complete(VALUE);
    }
    long completeNanos = System.nanoTime() - t1;
    boolean allDone = true;
    for (CompletableFuture<String> r : results) {
      allDone &= r.isDone() && !r.isCompletedExceptionally() && VALUE.equals(r.getNow(null));
    }
    waitFor(() -> !wheel.handOverPending() && wheel.pending() == 0, 60);
    long drainedNanos = System.nanoTime() - t1;
    long left = wheel.pending() + (wheel.handOverPending() ? 1 : 0);

    // release the callers' futures and the operations; what stays is the wheel's own state
    java.util.Arrays.fill(results, null);
    long heapAfter = usedHeapAfterGc();
    java.lang.ref.Reference.reachabilityFence(ops);
    java.lang.ref.Reference.reachabilityFence(results);

    double perCall = (double) (heapPending - heapBefore) / n;
    List<Map<String, Object>> classes = new ArrayList<>();
    double timerEntry = 0;
    for (Map.Entry<String, long[]> e : histPending.entrySet()) {
      long[] before = histBefore.getOrDefault(e.getKey(), new long[2]);
      long count = e.getValue()[0] - before[0];
      long bytes = e.getValue()[1] - before[1];
      if (count >= n / 2) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class", e.getKey());
        c.put("instancesPerCall", (double) count / n);
        c.put("bytesPerCall", (double) bytes / n);
        c.put("bytesPerInstance", (double) bytes / count);
        classes.add(c);
        if (e.getKey().endsWith(".AttemptWatch")) {
          timerEntry += (double) bytes / n;
        }
      }
    }
    classes.sort((a, b) -> Double.compare((Double) b.get("bytesPerCall"), (Double) a.get("bytesPerCall")));

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("calls", n);
    json.put("linkedInTimer", linked);
    json.put("bytesPerPendingCall", perCall);
    json.put("timerEntryBytes", timerEntry);
    json.put("timerEntryClass", "dev.fftt.runtime.internal.AttemptWatch (the entry is its own list node)");
    json.put("startAllMillis", startNanos / 1e6);
    json.put("completeAllMillis", completeNanos / 1e6);
    json.put("untilTimerEmptyMillis", drainedNanos / 1e6);
    json.put("allCompleted", allDone);
    json.put("leftInTimer", left);
    json.put("heapRetainedAfterMiB", (heapAfter - heapBefore) / 1048576.0);
    json.put("classes", classes);
    json.put("jdk", System.getProperty("java.version"));

    StringBuilder md = new StringBuilder();
    md.append("| measure | value |\n|---|---:|\n");
    md.append(String.format("| pending calls at once | %,d |%n", n));
    md.append(String.format("| heap per pending call (guard's part: all but the operation's own future) | %.1f B |%n", perCall));
    md.append(String.format("| of which the timer entry (AttemptWatch) | %.1f B |%n", timerEntry));
    md.append(String.format("| time to start all (schedule %,d timeouts) | %.0f ms |%n", n, startNanos / 1e6));
    md.append(String.format("| time to complete all (operations complete → callers' futures complete) | %.0f ms |%n", completeNanos / 1e6));
    md.append(String.format("| … until the timer holds nothing | %.0f ms |%n", drainedNanos / 1e6));
    md.append(String.format("| all callers' futures hold the value | %s |%n", allDone));
    md.append(String.format("| entries left in the timer | %d |%n", left));
    md.append(String.format("| heap still retained after all completed | %.1f MiB |%n", (heapAfter - heapBefore) / 1048576.0));
    md.append("\nRetained heap per pending call, by class (class histogram after full GC):\n\n");
    md.append("| class | instances per call | bytes per instance | bytes per call |\n|---|---:|---:|---:|\n");
    for (Map<String, Object> c : classes) {
      md.append(String.format("| `%s` | %.2f | %.0f | %.1f |%n", c.get("class"), c.get("instancesPerCall"),
          c.get("bytesPerInstance"), c.get("bytesPerCall")));
    }
    System.out.print(md);
    if (out != null) {
      Files.writeString(out, Json.write(json) + "\n", StandardCharsets.UTF_8);
      Files.writeString(Path.of(out.toString().replaceAll("\\.json$", "") + ".md"), md, StandardCharsets.UTF_8);
    }
    if (!allDone || left != 0) {
      System.exit(1);
    }
  }

  /** The operation: returns the future set before the call (no capturing lambda per call). */
  static final class Holder implements Attempt<String> {
    CompletableFuture<String> current;

    @Override
    public CompletableFuture<String> start() {
      return current;
    }
  }

  private static void warmUp(GuardPolicy policy, TimerWheel wheel) throws InterruptedException {
    Holder h = new Holder();
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 10_000; i++) {
        CompletableFuture<String> f = new CompletableFuture<>();
        h.current = f;
        CompletableFuture<String> r = Guard.call(policy, h);
        if (i % 2 == 0) {
          f.complete(VALUE);
        } else {
          r.cancel(false);
        }
      }
    }
    waitFor(() -> !wheel.handOverPending() && wheel.pending() == 0, 30);
  }

  interface Condition {
    boolean holds();
  }

  private static void waitFor(Condition c, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.holds()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out waiting");
      }
      Thread.sleep(1);
    }
  }

  static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Instances and bytes by class name, from the JVM's GC.class_histogram (which runs a full GC). */
  static Map<String, long[]> classHistogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> m = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] p = line.trim().split("\\s+");
      if (p.length >= 4 && p[0].endsWith(":")) {
        m.put(p[3], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
      }
    }
    return m;
  }
}
