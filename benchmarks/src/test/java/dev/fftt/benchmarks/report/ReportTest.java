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
  void aWovenRowWithoutItsGuardRowIsNotMeasuredRatherThanGuessed() throws Exception {
    String text = render(bench("WovenOneThread.retry_woven", 1, 100, 300), "{}", "{}");
    assertThat(line(text, "Woven ≤ 1.05× `Guard.call`, same policy, no more B/op: retry"))
        .contains("no guard row `retry_guard`").contains("not measured");
  }
}
