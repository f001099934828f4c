package dev.fftt.jfr.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.it.testing.ForkedJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exporter with the real agent in a forked JVM: the agent puts the runtime on the boot class
 * path, fftt-jfr sits on the application's class path, and nothing else is configured.
 */
class JfrAgentIT {

  private static final String APP = "dev.fftt.jfr.it.app.JfrApp";
  private static final List<String> CALLS_OK = List.of("slow=slow", "cached=cached", "flaky=flaky",
      "stuck=AsyncTimeoutException", "monitored=1");

  private static Path recordingFile(String name) throws IOException {
    Path file = ForkedJvm.workDir().resolve(name + ".jfr");
    Files.deleteIfExists(file);
    return file;
  }

  private static void assertRanEveryCall(ForkedJvm.Result run) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.lines()).as(run.describe()).containsAll(CALLS_OK).contains("DONE");
  }

  @Test
  void byDefaultTheExporterStartsByItselfAndALaunchRecordingHasTheEvents() throws Exception {
    Path file = recordingFile("auto");

    ForkedJvm.Result run = ForkedJvm.withAgent("")
        .options("-XX:StartFlightRecording:filename=" + file)
        .run(APP, "calls");

    assertRanEveryCall(run);
    List<RecordedEvent> fftt = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().startsWith("fftt.")).collect(Collectors.toList());
    // jfr-it.cached ended before its method returned: no event at 20 ms. The flaky call takes
    // a millisecond or so when warm, more when its first retry loads classes: left out.
    assertThat(lines(fftt)).as(run.describe())
        .filteredOn(l -> !l.startsWith("fftt.Call jfr-it.flaky"))
        .containsExactlyInAnyOrder(
            "fftt.Call jfr-it.slow success",
            "fftt.Retry jfr-it.flaky 1 java.io.IOException: first attempt",
            "fftt.Timeout jfr-it.stuck 50 ms",
            "fftt.Call jfr-it.stuck timeout");
    assertThat(fftt).allSatisfy(e ->
        assertThat(e.getEventType().getCategoryNames()).containsExactly("FFTT Async"));
  }

  @ParameterizedTest(name = "on Java {0}")
  @ValueSource(strings = {"of the build", "25"})
  void withThresholdZeroFromASettingsFileEveryCallIsRecorded(String java) throws Exception {
    Path javaHome = java.equals("25") ? ForkedJvm.java25Home()
        : Path.of(System.getProperty("java.home"));
    Assumptions.assumeTrue(Files.isDirectory(javaHome), "no Java 25 at " + javaHome);
    Path file = recordingFile("threshold0-" + java.replace(' ', '-'));
    // A settings file, as the README shows: the command line's own "fftt.Call#threshold=0ms"
    // is refused at launch, before the event is registered.
    Path settings = ForkedJvm.workDir().resolve("fftt-every-call.jfc");
    Files.writeString(settings, String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<configuration version=\"2.0\" label=\"FFTT: every call\">",
        "  <event name=\"fftt.Call\">",
        "    <setting name=\"threshold\">0 ms</setting>",
        "  </event>",
        "</configuration>", ""));

    ForkedJvm.Result run = ForkedJvm.withAgent(javaHome, "")
        .options("-XX:StartFlightRecording:filename=" + file + ",settings=default.jfc,settings="
            + settings)
        .run(APP, "calls");

    assertRanEveryCall(run);
    List<RecordedEvent> fftt = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().startsWith("fftt.")).collect(Collectors.toList());
    assertThat(lines(fftt)).as(run.describe()).containsExactlyInAnyOrder(
        "fftt.Call jfr-it.slow success",
        "fftt.Call jfr-it.cached success",
        "fftt.Retry jfr-it.flaky 1 java.io.IOException: first attempt",
        "fftt.Call jfr-it.flaky success retries=1",
        "fftt.Timeout jfr-it.stuck 50 ms",
        "fftt.Call jfr-it.stuck timeout");
    // the cached call ended before its method returned: no duration, its time in 'elapsed'
    RecordedEvent cached = fftt.stream().filter(e -> e.getEventType().getName().equals("fftt.Call")
        && e.getString("operation").equals("jfr-it.cached")).findFirst().orElseThrow();
    assertThat(cached.getDuration()).isZero();
    assertThat(cached.getDuration("elapsed")).isPositive();
  }

  @Test
  void theJfrToolPrintsThemAsTheReadmeShows() throws Exception {
    Path file = recordingFile("print");
    assertRanEveryCall(ForkedJvm.withAgent("")
        .options("-XX:StartFlightRecording:filename=" + file).run(APP, "calls"));

    String printed = jfr("print", "--events", "fftt.*", file.toString());

    assertThat(printed).contains("fftt.Call {", "operation = \"jfr-it.slow\"",
        "outcome = \"success\"", "fftt.Retry {", "fftt.Timeout {", "timeout = 50.0 ms")
        .doesNotContain("jdk.");
  }

  @Test
  void jfrOffWritesNoFfttEventIntoARecordingThatHasTheJdksOwn() throws Exception {
    Path file = recordingFile("off");

    ForkedJvm.Result run = ForkedJvm.withAgent("jfr=off")
        .options("-XX:StartFlightRecording:filename=" + file)
        .run(APP, "calls");

    assertRanEveryCall(run); // woven and monitored: monitored=1
    List<RecordedEvent> all = RecordingFile.readAllEvents(file);
    assertThat(all).as("a real recording").anyMatch(e ->
        e.getEventType().getName().startsWith("jdk."));
    assertThat(all).as(run.describe()).noneMatch(e ->
        e.getEventType().getName().startsWith("fftt."));
  }

  @Test
  void aJvmThatDoesNotRecordNeverInitializesJfrAndARecordingStartedLaterHasTheCalls() {
    ForkedJvm.Result run = ForkedJvm.withAgent("").run(APP, "late");

    assertRanEveryCall(run);
    assertThat(run.lines()).as(run.describe())
        .contains("jfr-initialized-before-recording=false")
        .anyMatch(l -> l.startsWith("late-recorded-calls=") && !l.endsWith("=0"));
  }

  @Test
  void withoutTheJdkJfrModuleTheExporterStaysOffAndTheCallsRun() {
    ForkedJvm.Result run = ForkedJvm.withAgent("")
        .options("--limit-modules", "java.base,java.instrument,java.logging")
        .run(APP, "no-jfr");

    assertRanEveryCall(run);
    assertThat(run.lines()).as(run.describe()).contains("jfr-exporter-started=false");
    assertThat(run.stderr()).as(run.describe()).doesNotContain("Exception", "Error");
  }

  private static List<String> lines(List<RecordedEvent> events) {
    return events.stream().map(e -> {
      String name = e.getEventType().getName();
      switch (name) {
        case "fftt.Call":
          return name + " " + e.getString("operation") + " " + e.getString("outcome")
              + (e.getInt("retries") > 0 ? " retries=" + e.getInt("retries") : "");
        case "fftt.Retry":
          return name + " " + e.getString("operation") + " " + e.getInt("retry") + " "
              + e.getString("cause");
        case "fftt.Timeout":
          return name + " " + e.getString("operation") + " "
              + e.getDuration("timeout").toMillis() + " ms";
        default:
          return name + " " + e.getString("operation");
      }
    }).collect(Collectors.toList());
  }

  /** Runs the JDK's {@code jfr} tool; returns what it printed. */
  private static String jfr(String... args) throws Exception {
    Path out = Files.createTempFile(ForkedJvm.workDir(), "jfr-tool-", ".txt");
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jfr").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(printed).isZero();
    return printed;
  }
}
