package dev.fftt.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets table reads the result files as run.sh writes them and judges each ratio. */
class ReportTest {

  @TempDir
  Path dir;

  private static String bench(String name, int threads, double ns, double bytes) {
    return String.format(Locale.ROOT, "{\"benchmark\": \"dev.fftt.benchmarks.%s\", \"threads\": %d,"
        + " \"primaryMetric\": {\"rawData\": [[%s, %s, %s]]},"
        + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"rawData\": [[%s, %s, %s]]}}}",
        name, threads, ns, ns, ns, bytes, bytes, bytes);
  }

  private String render(String jmh, String startup, String processor) throws Exception {
    Path j = Files.writeString(dir.resolve("jmh.json"), "[" + jmh + "]", StandardCharsets.UTF_8);
    Path s = Files.writeString(dir.resolve("startup.json"), startup, StandardCharsets.UTF_8);
    Path p = Files.writeString(dir.resolve("processor.json"), processor, StandardCharsets.UTF_8);
    Path out = dir.resolve("tables.md");
    Report.main(new String[] {"--jmh", j.toString(), "--startup", s.toString(), "--processor",
        p.toString(), "--out", out.toString()});
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String line(String text, String start) {
    for (String l : text.split("\n")) {
      if (l.startsWith("| " + start)) {
        return l;
      }
    }
    throw new AssertionError("no line starting with " + start + " in\n" + text);
  }

  @Test
  void judgesEveryIssueTargetFromRowsOfOneRun() throws Exception {
    String jmh = String.join(",",
        bench("OneThread.monitor_nanoTime2", 1, 40, 0),
        bench("TwoThreads.monitor_nanoTime2", 2, 40, 0),
        bench("OneThread.monitor_guard", 1, 45, 0),
        bench("TwoThreads.monitor_guard", 2, 50, 0),
        bench("WovenOneThread.monitor_woven", 1, 46, 0),
        bench("WovenTwoThreads.monitor_woven", 2, 46, 0),
        bench("OneThread.pending_none", 1, 5, 24),
        bench("OneThread.pending_r4j", 1, 105, 233),
        bench("OneThread.pending_guard", 1, 70, 184),
        bench("WovenOneThread.pending_woven", 1, 70, 232));
    String startup = "{\"classes\": 10000, \"annotated\": 100,"
        + " \"none\": {\"wallMedianSeconds\": 0.8, \"rssMedianMiB\": 120, \"cpuMedianSeconds\": 1.4,"
        + " \"firstCallMedianMicros\": 30, \"furtherCallsMeanMedianMicros\": 5},"
        + " \"noop\": {\"wallMedianSeconds\": 0.9, \"rssMedianMiB\": 125, \"cpuMedianSeconds\": 1.6},"
        + " \"fftt\": {\"wallMedianSeconds\": 1.05, \"rssMedianMiB\": 140, \"cpuMedianSeconds\": 1.9,"
        + " \"firstCallMedianMicros\": 9000, \"furtherCallsMeanMedianMicros\": 80}}";
    String processor = "{\"ffttProcessorRan\": true, \"sizes\": [{\"classes\": 2000, \"inProcess\": {"
        + "\"none\": {\"wallMedianMillis\": 2000, \"cpuMedianMillis\": 1800},"
        + "\"noop\": {\"wallMedianMillis\": 2500, \"cpuMedianMillis\": 2300},"
        + "\"oneFile\": {\"wallMedianMillis\": 2800, \"cpuMedianMillis\": 2500},"
        + "\"fftt\": {\"wallMedianMillis\": 2700, \"cpuMedianMillis\": 2450}}}]}";

    String text = render(jmh, startup, processor);

    // woven monitor only: 46 / 40 = 1.15 ≤ 1.2, no allocation
    assertThat(line(text, "Monitor only, completed (woven, 1T)")).contains("1.15×").contains("**met**");
    // woven ÷ guard: 46 / 45 = 1.02 at 1T; 46 / 50 at 2T; pending 70 / 70 but 48 B/op more
    assertThat(line(text, "Woven ≤ 1.05× `Guard.call`, same policy, no more B/op: monitor, monitor only (1T)"))
        .contains("1.02×").contains("**met**");
    assertThat(line(text, "Woven ≤ 1.05× `Guard.call`, same policy, no more B/op: pending, timeout + monitor (1T)"))
        .contains("1.00×").contains("**missed**: allocates 48 B/op more");
    // 232 − 24 = 208 B > 170; (70 − 5) / (105 − 5) = 0.65
    assertThat(line(text, "Timeout + monitor, pending (woven, 1T): ≤ 170 B")).contains("208 B/op")
        .contains("**missed** by 38 B");
    assertThat(line(text, "Timeout + monitor, pending (woven, 1T): overhead ≤ 0.65×")).contains("0.65×")
        .contains("**met**");
    // the guard's pending figures are shown without a verdict
    assertThat(line(text, "Timeout + monitor, pending (guard, 1T): overhead")).endsWith("| informative |");
    // scaling: guard 2 × 45 / 50 = 1.8 vs the baseline's 2.0: 0.90 < 0.95; woven 2.0 / 2.0
    assertThat(line(text, "Two threads, monitor (guard, monitor only)")).contains("0.90").contains("**missed**");
    assertThat(line(text, "Two threads, monitor (woven, monitor only)")).contains("1.00").contains("**met**");
    // startup at the issue's size: +0.25 s > 0.2 s; +20 MiB ≤ 40; the no-op floor beside it
    assertThat(line(text, "Agent startup (10,000 classes, 100 woven methods each called once): ≤ +0.2 s"))
        .contains("+0.25 s").contains("over the no-op agent: +0.15 s").contains("**missed**");
    assertThat(line(text, "Agent startup (10,000 classes, 100 woven methods each called once): peak RSS"))
        .contains("**met**");
    assertThat(line(text, "First call of a woven method")).contains("9000 µs").contains("80.0 µs");
    // processor: 2700 / 2500 = +8% over the no-op; a second round 300 ms
    assertThat(line(text, "Processor ≤ +10% compile time over a no-op processor (2,000 classes, in-process"))
        .contains("wall +8.0%").contains("**met**");
    assertThat(line(text, "A second javac round")).contains("wall +300 ms");
  }

  @Test
  void judgesTheBreakerAndBulkheadTargetsAgainstResilience4jOverTheBorrowedBaselines() throws Exception {
    String jmh = String.join(",",
        bench("OneThread.completed_none", 1, 2, 0),
        bench("TwoThreads.completed_none", 2, 2, 0),
        bench("OneThread.breaker_r4j", 1, 42, 0),
        bench("TwoThreads.breaker_r4j", 2, 82, 0),
        bench("OneThread.breaker_guard", 1, 18, 0),
        bench("TwoThreads.breaker_guard", 2, 22, 0),
        bench("WovenOneThread.breaker_woven", 1, 24, 16),
        bench("OneThread.pending_none", 1, 5, 24),
        bench("OneThread.bulkhead_r4j", 1, 65, 72),
        bench("OneThread.bulkhead_guard", 1, 30, 24),
        bench("WovenTwoThreads.bulkhead_woven", 2, 40, 24));

    String text = render(jmh, "{}", "{}");

    // (18 − 2) / (42 − 2) = 0.40, no allocation
    assertThat(line(text, "Closed circuit breaker, completed future (guard, 1T): overhead ≤ 0.5×"
        + " Resilience4j's, 0 B/op")).contains("0.40× (16.0 vs 40.0 ns); 0 B/op").contains("**met**");
    // (22 − 2) / (82 − 2) = 0.25
    assertThat(line(text, "Closed circuit breaker, completed future (guard, 2T)")).contains("0.25×")
        .contains("**met**");
    // (24 − 2) / 40 = 0.55 > 0.5, and 16 B/op
    assertThat(line(text, "Closed circuit breaker, completed future (woven, 1T)")).contains("0.55×")
        .contains("16 B/op").contains("**missed** by 10%, allocates");
    // (30 − 5) / (65 − 5) = 0.42; B/op over the operation's own future: ours 0, Resilience4j 48
    assertThat(line(text, "Bulkhead, pending call (guard, 1T): overhead ≤ 0.5× Resilience4j's"))
        .contains("0.42× (25.0 vs 60.0 ns); 0 B/op over the baseline (Resilience4j 48)")
        .contains("**met**");
    // no Resilience4j row or baseline at 2 threads: not judged
    assertThat(line(text, "Bulkhead, pending call (woven, 2T)")).contains("no `pending_none` row at 2T")
        .contains("not measured");
    // the tables show the borrowed baseline first, and each row's overhead over it
    String breakerTable = text.substring(text.indexOf("### (e) Circuit breaker"));
    assertThat(breakerTable.split("\n")[4]).startsWith("| no guard (baseline: the `completed_none` row) | 2.00 |")
        .contains("(baseline)");
    assertThat(line(breakerTable, "Resilience4j CircuitBreaker")).contains("| 40.0 | 0 | 2.50× |");
    String bulkheadTable = text.substring(text.indexOf("### (f) Bulkhead"));
    assertThat(bulkheadTable.split("\n")[4]).startsWith("| no guard (baseline: the `pending_none` row) | 5.00 |");
    assertThat(line(bulkheadTable, "Resilience4j Bulkhead (semaphore)")).contains("| 60.0 | 48 | 2.40× |");
  }

  @Test
  void judgesTheMicrometerExporterAgainstTheSameMonitoredCallWithoutIt() throws Exception {
    String jmh = String.join(",",
        bench("OneThread.monitor_nanoTime2", 1, 50, 0),
        bench("OneThread.monitor_guard", 1, 60, 0),
        bench("TwoThreads.monitor_guard", 2, 62, 0),
        bench("OneThread.monitor_guardMicrometerSimple", 1, 75, 0),
        bench("TwoThreads.monitor_guardMicrometerSimple", 2, 93, 0),
        bench("OneThread.monitor_guardMicrometerPrometheus", 1, 72, 16),
        bench("TwoThreads.monitor_guardMicrometerPrometheus", 2, 70, 0),
        bench("OneThread.monitor_guardMicrometerDenied", 1, 63, 0));

    String text = render(jmh, "{}", "{}");

    // 75 / 60 = 1.25, no allocation
    assertThat(line(text, "Micrometer exporter bound (`SimpleMeterRegistry`, 1T): monitored completed"
        + " call ≤ 1.3× the same call without it, no more B/op"))
        .contains("1.25× (75.0 vs 60.0 ns); 0 vs 0 B/op").contains("**met**");
    // 93 / 62 = 1.5
    assertThat(line(text, "Micrometer exporter bound (`SimpleMeterRegistry`, 2T)")).contains("1.50×")
        .contains("**missed** by 15%");
    // 72 / 60 = 1.2 but 16 B/op more
    assertThat(line(text, "Micrometer exporter bound (`PrometheusMeterRegistry`, 1T)")).contains("1.20×")
        .contains("**missed**: allocates 16 B/op more");
    assertThat(line(text, "Micrometer exporter bound (`PrometheusMeterRegistry`, 2T)")).contains("1.13×")
        .contains("**met**");
    // FFTT's own part, with no-op meters: shown without a verdict
    assertThat(line(text, "Micrometer exporter bound, every meter denied (1T)"))
        .contains("1.05× (+3.00 ns); 0 vs 0 B/op").endsWith("| informative |");
    // the monitor table shows the rows beside the guard's, with their overhead over the baseline
    String monitorTable = text.substring(text.indexOf("### (c) Monitor only"));
    assertThat(line(monitorTable, "FFTT guard + Micrometer exporter (`SimpleMeterRegistry`)"))
        .contains("| 75.0 |").contains("| 25.0 | 0 |");
  }

  @Test
  void aMicrometerRowWithoutTheMonitorGuardRowIsNotMeasured() throws Exception {
    String text = render(bench("OneThread.monitor_guardMicrometerPrometheus", 1, 70, 0), "{}", "{}");
    assertThat(line(text, "Micrometer exporter bound (`PrometheusMeterRegistry`, 1T)"))
        .contains("no `monitor_guard` row at 1T").contains("not measured");
  }

  @Test
  void aWovenRowWithoutItsGuardRowIsNotMeasuredRatherThanGuessed() throws Exception {
    String text = render(bench("WovenOneThread.retry_woven", 1, 100, 300), "{}", "{}");
    assertThat(line(text, "Woven ≤ 1.05× `Guard.call`, same policy, no more B/op: retry"))
        .contains("no guard row `retry_guard`").contains("not measured");
  }

  @Test
  void judgesTheBlockingCheckOnANonLoopThreadAgainstNoAgent() throws Exception {
    String jmh = String.join(",",
        bench("BlockingCheckBenchmarks.parkPair_none", 1, 40, 0),
        bench("BlockingCheckBenchmarks.parkPair_blockingWarn", 1, 41, 0),
        bench("BlockingCheckBenchmarks.parkNanos_none", 1, 55000, 0),
        bench("BlockingCheckBenchmarks.parkNanos_blockingWarn", 1, 56100, 0));

    String text = render(jmh, "{}", "{}");

    // 41 / 40 = 1.025
    assertThat(line(text, "blocking=warn, not a loop thread: LockSupport.park (unpark+park pair, 1T)"
        + " ≤ 1.05× without the agent")).contains("1.03× (41.0 vs 40.0 ns); 0 vs 0 B/op")
        .contains("**met**");
    assertThat(line(text, "blocking=warn, not a loop thread: LockSupport.parkNanos(1)"))
        .contains("1.02×").endsWith("| informative |");

    String missed = render(String.join(",", bench("BlockingCheckBenchmarks.parkPair_none", 1, 40, 0),
        bench("BlockingCheckBenchmarks.parkPair_blockingWarn", 1, 46, 0)), "{}", "{}");
    assertThat(line(missed, "blocking=warn, not a loop thread")).contains("1.15×")
        .contains("**missed** by 10%");
    String alone = render(bench("BlockingCheckBenchmarks.parkPair_none", 1, 40, 0), "{}", "{}");
    assertThat(line(alone, "blocking=warn, not a loop thread"))
        .contains("no `parkPair_blockingWarn` row").contains("not measured");
    String neither = render(bench("OneThread.completed_none", 1, 40, 0), "{}", "{}");
    assertThat(line(neither, "blocking=warn, not a loop thread"))
        .contains("no `parkPair` rows in this run").contains("not measured");
  }
}
