package dev.fftt.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.fftt.samples.agent.SoakDriver;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sample's workload ({@link SoakDriver}: the seed's agent interface with timeouts, retries, a
 * circuit breaker with its fallback, and a bulkhead) at a fixed rate in a forked JVM with the
 * agent, every exporter on (a Prometheus registry in Micrometer's global one, a JFR recording, an
 * OpenTelemetry SDK) and the live health page, which this test polls every second throughout.
 *
 * <p>The child samples, every few seconds, the heap used after a full collection, the live
 * threads, the timer's pending entries and its open file handles; here the least-squares slope of
 * each over the second half of the run (the first is warm-up) is computed per minute, written to
 * {@code target/soak/<test>/slopes.json} beside the series ({@code series.csv}), and logged.
 *
 * <p>{@link #smoke()} runs in every build (20 s of load) and checks that the harness works: the
 * workload covers every policy, every exporter and the health page see it, the calls all end and
 * the timer empties after the load. {@link #soak()} (tag {@code stress}; {@code -Psoak},
 * {@code -Dfftt.soak.minutes=N}, 30 by default) also holds the slopes to flat.
 */
class SoakIT {

  private static final double MIB = 1024 * 1024;

  /** 20 s of load, sampled every 2 s: the harness works, the load ends clean (every build). */
  @Test
  void smoke() throws Exception {
    Run run = run("smoke", 20, 2_000);
    run.assertTheWorkloadAndTheExporters();
  }

  /**
   * The soak: {@code fftt.soak.minutes} of load, about 120 samples (one every 2 to 15 s); over
   * the second half the heap after GC grows by less than 1 MiB a minute, and threads, timer
   * entries and file handles neither trend nor end above where the warm half started.
   */
  @Test
  @Tag("stress")
  void soak() throws Exception {
    double minutes = Double.parseDouble(property("fftt.soak.minutes"));
    long seconds = Math.round(minutes * 60);
    if (seconds < 60) {
      throw new IllegalArgumentException("fftt.soak.minutes=" + minutes
          + " is too short to judge a trend: give 1 minute or more (CI runs 2, the default is 30)");
    }
    long sampleMillis = Math.max(2_000, Math.min(15_000, seconds * 1000 / 120));
    Run run = run("soak", seconds, sampleMillis);
    run.assertTheWorkloadAndTheExporters();

    Trend heap = run.trend(1);
    Trend threads = run.trend(2);
    Trend timer = run.trend(3);
    Trend fds = run.trend(4);
    String where = run.dir.resolve("slopes.json").toString();
    assertThat(heap.slopePerMinute()).as("heap after GC, bytes a minute; %s", where)
        .isLessThan(1 * MIB);
    assertThat(heap.end() - heap.warm()).as("heap after GC, end over warm; %s", where)
        .isLessThan(4 * MIB);
    assertThat(threads.slopePerMinute()).as("live threads a minute; %s", where).isLessThan(1.0);
    assertThat(threads.end() - threads.warm()).as("live threads, end over warm; %s", where)
        .isLessThanOrEqualTo(4);
    assertThat(fds.slopePerMinute()).as("open file handles a minute; %s", where).isLessThan(1.0);
    assertThat(fds.end() - fds.warm()).as("open file handles, end over warm; %s", where)
        .isLessThanOrEqualTo(4);
    // the timer holds the timeouts of the calls in flight: a level set by the rate, noisy
    double timerBound = Math.max(10, timer.warm() / 2);
    assertThat(timer.slopePerMinute()).as("timer entries a minute; %s", where)
        .isLessThan(timerBound / 2);
    assertThat(timer.end() - timer.warm()).as("timer entries, end over warm; %s", where)
        .isLessThan(timerBound);
  }

  // ---------------------------------------------------------------- one run

  private static Run run(String name, long seconds, long sampleMillis) throws Exception {
    int rate = Integer.parseInt(property("fftt.soak.rate"));
    Path dir = Path.of(property("fftt.soak.dir")).resolve(name);
    deleteRecursively(dir);
    Files.createDirectories(dir);
    int port = freePort();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC"); // System.gc() is one full, stop-the-world collection
    // ... that compacts the whole heap every time: by default it leaves dead objects in place (as
    // int[] fillers, counted as used) up to 5% of the old generation and compacts fully only every
    // 4th time, a sawtooth of a megabyte in the samples
    command.add("-XX:MarkSweepDeadRatio=0");
    command.add("-XX:TieredStopAtLevel=1"); // C1 only: less compiler time on a shared machine
    command.add("-XX:FlightRecorderOptions:repository=" + dir.resolve("jfr-repository"));
    command.add("-XX:StartFlightRecording:name=soak,maxsize=32m,maxage=10m,dumponexit=true,filename="
        + dir.resolve("soak.jfr"));
    command.add("-javaagent:" + existing("fftt.agent.jar") + "=health=" + port);
    command.add("-cp");
    command.add(property("fftt.soak.class.path"));
    command.add(SoakDriver.class.getName());
    command.add(Long.toString(seconds));
    command.add(Integer.toString(rate));
    command.add(Long.toString(sampleMillis));
    command.add(dir.toString());
    Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n");

    Process child = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    HealthPoller health = new HealthPoller(port, dir.resolve("stdout.txt"));
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
        r -> new Thread(r, "soak-health-poller"));
    poller.scheduleWithFixedDelay(health::poll, 1, 1, TimeUnit.SECONDS);
    boolean ended;
    try {
      ended = child.waitFor(seconds + 180, TimeUnit.SECONDS);
    } finally {
      poller.shutdownNow();
      poller.awaitTermination(30, TimeUnit.SECONDS);
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    Run run = new Run(name, dir, rate, seconds, sampleMillis, health);
    assertThat(ended).as("the soak's JVM ended within %d s\n%s", seconds + 180, run.describe()).isTrue();
    assertThat(child.exitValue()).as(run.describe()).isZero();
    assertThat(Files.readString(dir.resolve("stdout.txt"))).as(run.describe()).contains("SOAK DONE");
    run.load();
    return run;
  }

  /** What one run left in its folder, read back, and its trends. */
  private static final class Run {
    final String name;
    final Path dir;
    final int rate;
    final long seconds;
    final long sampleMillis;
    final HealthPoller health;
    final List<double[]> series = new ArrayList<>();
    final Properties summary = new Properties();
    final Map<String, Integer> jfrEvents = new TreeMap<>();
    String prometheusScrape;

    Run(String name, Path dir, int rate, long seconds, long sampleMillis, HealthPoller health) {
      this.name = name;
      this.dir = dir;
      this.rate = rate;
      this.seconds = seconds;
      this.sampleMillis = sampleMillis;
      this.health = health;
    }

    void load() throws IOException {
      List<String> lines = Files.readAllLines(dir.resolve("series.csv"));
      assertThat(lines.get(0)).isEqualTo(SoakDriver.HEADER);
      for (String line : lines.subList(1, lines.size())) {
        series.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
      try (Reader r = Files.newBufferedReader(dir.resolve("summary.properties"))) {
        summary.load(r);
      }
      prometheusScrape = Files.readString(dir.resolve("prometheus.txt"));
      try (RecordingFile jfr = new RecordingFile(dir.resolve("soak.jfr"))) {
        while (jfr.hasMoreEvents()) {
          String type = jfr.readEvent().getEventType().getName();
          if (type.startsWith("fftt.")) {
            jfrEvents.merge(type, 1, Integer::sum);
          }
        }
      }
      writeSlopes();
    }

    void assertTheWorkloadAndTheExporters() {
      String why = describe();
      long startedCalls = Long.parseLong(summary.getProperty("callsStarted"));
      // the driver keeps its fixed rate (a shared machine may lose a little)
      assertThat(startedCalls).as(why).isGreaterThanOrEqualTo((long) (0.9 * rate * seconds));
      assertThat(summary.getProperty("callsEnded")).as(why).isEqualTo(Long.toString(startedCalls));
      assertThat(series.size()).as(why).isGreaterThanOrEqualTo((int) (seconds * 1000 / sampleMillis) - 2);
      // every policy at work: answers, retried failures, timeouts, the breaker's fallback, the
      // bulkhead's rejections; no call ended with anything else
      assertThat(outcomes()).as(why).containsOnlyKeys("process.ok", "process.IOException",
          "process.AsyncTimeoutException", "summarize.ok", "summarize.fallback", "state.ok",
          "store.ok", "store.BulkheadRejectedException");
      assertThat(outcomes().values()).as(why).allMatch(n -> n > 0);
      assertThat(summary.getProperty("op.agent_processing")).as(why)
          .doesNotContain("retries=0 ", "timeouts=0 ").endsWith("inFlight=0");
      assertThat(Long.parseLong(summary.getProperty("breaker.opened"))).as(why).isPositive();
      assertThat(summary.getProperty("bulkhead.running") + summary.getProperty("bulkhead.waiting"))
          .as(why).isEqualTo("00");
      assertThat(Long.parseLong(summary.getProperty("bulkhead.rejected"))).as(why)
          .isEqualTo(outcomes().get("store.BulkheadRejectedException"));
      // every exporter saw the calls: Prometheus counted each as the caller saw it (a failure
      // and a timeout only together: an early attempt's own AsyncTimeoutException is a failure)
      Map<String, Long> out = outcomes();
      assertThat(prometheus("agent_processing", "none", "success")).as(why).isEqualTo(out.get("process.ok"));
      assertThat(prometheus("agent_processing", "none", "failure")
          + prometheus("agent_processing", "none", "timeout")).as(why)
          .isEqualTo(out.get("process.IOException") + out.get("process.AsyncTimeoutException"));
      assertThat(prometheus("agent_processing", "none", "timeout")).as(why).isPositive();
      assertThat(prometheus("agent_summary", "none", "success")).as(why).isEqualTo(out.get("summarize.ok"));
      assertThat(prometheus("agent_summary", "applied", "success")).as(why)
          .isEqualTo(out.get("summarize.fallback"));
      assertThat(prometheus("agent_state", "none", "success")).as(why).isEqualTo(out.get("state.ok"));
      assertThat(prometheus("soak_report_store", "none", "success")).as(why).isEqualTo(out.get("store.ok"));
      assertThat(prometheus("soak_report_store", "none", "failure")).as(why)
          .isEqualTo(out.get("store.BulkheadRejectedException"));
      // OpenTelemetry: one span per monitored call, none dropped
      long monitoredCalls = summary.stringPropertyNames().stream().filter(k -> k.startsWith("op."))
          .mapToLong(k -> Long.parseLong(summary.getProperty(k).replaceAll("^calls=(\\d+) .*$", "$1")))
          .sum();
      assertThat(Long.parseLong(summary.getProperty("otel.spans"))).as(why).isEqualTo(monitoredCalls);
      // JFR: each kind of event the workload makes (the file keeps the recording's last minutes)
      assertThat(jfrEvents).as(why).containsKeys("fftt.Call", "fftt.Retry", "fftt.Timeout",
          "fftt.CircuitBreakerState", "fftt.Rejected");
      // the health page answered every poll, with the workload's operations
      assertThat(health.ok.get()).as(why).isGreaterThanOrEqualTo((int) (seconds / 2));
      assertThat(health.failed.get()).as(why + "\nfirst failure: " + health.firstFailure.get()).isZero();
      assertThat(health.lastJson.get()).as(why).contains("\"agent_processing\"", "\"soak_report_store\"");
      // once the load stopped: nothing in flight, the timer empty
      double[] quiet = parse(summary.getProperty("quiet"));
      assertThat(quiet[3]).as("timer entries after the load\n" + why).isZero();
      assertThat(quiet[6]).as("calls in flight after the load\n" + why).isZero();
    }

    /** A {@code fftt_calls_seconds_count} series of the Prometheus scrape taken after the load. */
    long prometheus(String operation, String fallback, String outcome) {
      String series = "fftt_calls_seconds_count{fallback=\"" + fallback + "\",operation=\""
          + operation + "\",outcome=\"" + outcome + "\"} ";
      return prometheusScrape.lines().filter(l -> l.startsWith(series))
          .mapToLong(l -> (long) Double.parseDouble(l.substring(series.length()))).findFirst()
          .orElseThrow(() -> new AssertionError("no " + series + "in " + dir.resolve("prometheus.txt")));
    }

    Map<String, Long> outcomes() {
      Map<String, Long> outcomes = new TreeMap<>();
      summary.stringPropertyNames().stream().filter(k -> k.startsWith("outcome."))
          .forEach(k -> outcomes.put(k.substring(8), Long.parseLong(summary.getProperty(k))));
      return outcomes;
    }

    /** The trend of column {@code c} over the second half of the run. */
    Trend trend(int c) {
      double half = seconds / 2.0;
      return Trend.fit(series.stream().filter(s -> s[0] >= half).toList(), c);
    }

    void writeSlopes() throws IOException {
      String[] names = SoakDriver.HEADER.split(",");
      StringBuilder json = new StringBuilder();
      json.append("{\n  \"test\": \"").append(name).append("\",\n  \"loadSeconds\": ").append(seconds)
          .append(",\n  \"callsPerSecond\": ").append(rate)
          .append(",\n  \"callsStarted\": ").append(summary.getProperty("callsStarted"))
          .append(",\n  \"samples\": ").append(series.size())
          .append(",\n  \"sampleEveryMillis\": ").append(sampleMillis)
          .append(",\n  \"window\": \"the second half, from ").append(seconds / 2).append(" s\"");
      StringBuilder log = new StringBuilder("SOAK " + name + ": " + seconds + " s at " + rate
          + " calls/s, " + summary.getProperty("callsStarted") + " calls, " + series.size()
          + " samples; over the second half, per minute:");
      boolean enough = series.stream().filter(s -> s[0] >= seconds / 2.0).count() >= 4;
      for (int c = 1; c <= 4; c++) {
        json.append(",\n  \"").append(names[c]).append("\": ");
        if (!enough) {
          json.append("null");
          continue;
        }
        Trend t = trend(c);
        json.append(String.format(Locale.ROOT,
            "{\"slopePerMinute\": %.3f, \"slopeStdError\": %.3f, \"warm\": %.1f, \"end\": %.1f,"
            + " \"min\": %.1f, \"max\": %.1f}",
            t.slopePerMinute(), t.slopeStdError(), t.warm(), t.end(), t.min(), t.max()));
        log.append(String.format(Locale.ROOT, " %s %+.3f ±%.3f (warm %.0f, end %.0f, range %.0f..%.0f);",
            names[c], t.slopePerMinute(), t.slopeStdError(), t.warm(), t.end(), t.min(), t.max()));
      }
      json.append(",\n  \"quietAfterTheLoad\": \"").append(summary.getProperty("quiet")).append("\"\n}\n");
      Files.writeString(dir.resolve("slopes.json"), json);
      System.out.println(log + " heap in MiB/min: " + (enough
          ? String.format(Locale.ROOT, "%+.3f", trend(1).slopePerMinute() / MIB) : "n/a"));
    }

    String describe() {
      return "soak run '" + name + "' (" + seconds + " s at " + rate + " calls/s): see " + dir
          + " (command.txt, stdout.txt, stderr.txt, series.csv, summary.properties, slopes.json,"
          + " prometheus.txt, soak.jfr)\nsummary: " + new TreeMap<>(summary) + "\nJFR events: " + jfrEvents
          + "\nhealth polls: " + health.ok + " ok, " + health.failed + " failed";
    }
  }

  /**
   * Polls the health page's JSON every second (and its page every tenth time) while the load
   * runs; a failure counts unless the child has said its load is over.
   */
  private static final class HealthPoller {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final AtomicReference<String> lastJson = new AtomicReference<>("");
    private int polls; // the poller's thread only

    final Path childStdout;

    HealthPoller(int port, Path childStdout) {
      base = "http://127.0.0.1:" + port;
      this.childStdout = childStdout;
    }

    /** Whether the child said its load is over (it exits soon after, and the page with it). */
    boolean loadOver() {
      try {
        return Files.readString(childStdout).contains("LOAD OVER");
      } catch (IOException e) {
        return false;
      }
    }

    void poll() {
      polls++;
      String path = polls % 10 == 0 ? "/fftt/" : "/fftt/health";
      try {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
          failure(path + ": HTTP " + reply.statusCode() + " " + reply.body());
          return;
        }
        ok.incrementAndGet();
        if (path.equals("/fftt/health")) {
          lastJson.set(reply.body());
        }
      } catch (IOException e) {
        // before the agent serves the page (the JVM is starting) a refused connection is no failure
        if (ok.get() == 0 && polls <= 30) {
          return;
        }
        failure(path + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void failure(String what) {
      if (loadOver()) {
        return;
      }
      failed.incrementAndGet();
      firstFailure.compareAndSet(null, what);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static double[] parse(String csvLine) {
    return Arrays.stream(csvLine.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static Path existing(String property) {
    Path path = Path.of(property(property));
    if (!Files.exists(path)) {
      throw new IllegalStateException(property + "=" + path + " does not exist: build it first"
          + " (mvn -B -ntp -pl soak -am verify -DskipTests builds the agent on the way)");
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      fail("system property " + name + " is not set: run the soak through maven-failsafe-plugin"
          + " (mvn verify in soak/)");
    }
    return value;
  }
}
