package dev.fftt.jfr.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.jfr.it.testing.ForkedJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JVM whose Flight Recorder is switched off ({@code -XX:-FlightRecorder}, deprecated but still
 * honoured by Java 17): the exporter finds JFR unavailable and stays off, the woven calls run as
 * ever, and a recording asked for at launch is refused by the JVM, not by FFTT.
 */
class JfrDisabledIT {

  private static final String APP = "dev.fftt.jfr.it.app.JfrApp";
  private static final List<String> CALLS_OK = List.of("slow=slow", "cached=cached", "flaky=flaky",
      "stuck=AsyncTimeoutException", "monitored=1");

  @Test
  void withTheFlightRecorderSwitchedOffTheExporterStaysOffAndTheCallsRun() {
    ForkedJvm.Result run = ForkedJvm.withAgent("").options("-XX:-FlightRecorder")
        .run(APP, "no-jfr");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.lines()).as(run.describe()).containsAll(CALLS_OK)
        .contains("jfr-exporter-started=false", "DONE");
    assertThat(run.stderr()).as(run.describe()).doesNotContain("Exception", "Error", "JFR events");
  }

  @Test
  void aLaunchRecordingOnADisabledFlightRecorderIsRefusedAndTheCallsRun() {
    ForkedJvm.Result run = ForkedJvm.withAgent("")
        .options("-XX:-FlightRecorder", "-XX:StartFlightRecording")
        .run(APP, "no-jfr");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.lines()).as(run.describe()).containsAll(CALLS_OK)
        .contains("Flight Recorder is disabled.", "jfr-exporter-started=false", "DONE");
    assertThat(run.stderr()).as(run.describe()).doesNotContain("Exception", "Error", "JFR events");
  }
}
