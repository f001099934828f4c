package dev.fftt.otel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With the real agent and this module on an application's class path (beside the OpenTelemetry
 * jars and the annotations, without fftt-runtime: the agent brings it), the exporter starts by
 * itself; {@code otel=off} turns it off.
 */
class OtelAgentIT {

  private static final String APP = "dev.fftt.otel.it.app.TracedApp";

  @Test
  void theExporterStartsByItselfUnderTheAgent() throws Exception {
    Run run = fork("");

    assertThat(run.exitCode).as(run.describe()).isZero();
    assertThat(run.stdout).as(run.describe()).containsExactly(
        "RESULT now",
        "RESULT fetched callback in request",
        "RETRY IN request",
        "SPAN otel-it.now kind=INTERNAL parent=request outcome=success retries=0 events=[]",
        "SPAN otel-it.fetch kind=INTERNAL parent=request outcome=success retries=1"
            + " events=[fftt.retry]",
        "SPAN request kind=INTERNAL parent=root outcome=null retries=null events=[]",
        "DONE");
  }

  @Test
  void otelOffMakesNoSpanAndCarriesNoContext() throws Exception {
    Run run = fork("otel=off");

    assertThat(run.exitCode).as(run.describe()).isZero();
    assertThat(run.stdout).as(run.describe()).containsExactly(
        "RESULT now",
        "RESULT fetched callback in none",
        "RETRY IN none",
        "SPAN request kind=INTERNAL parent=root outcome=null retries=null events=[]",
        "DONE");
  }

  /** What a forked JVM printed. */
  private static final class Run {
    final List<String> command;
    final int exitCode;
    final List<String> stdout;
    final String stderr;

    Run(List<String> command, int exitCode, List<String> stdout, String stderr) {
      this.command = command;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String describe() {
      return "command: " + String.join(" ", command) + "\nexit code: " + exitCode
          + "\n--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n" + stderr;
    }
  }

  private static Run fork(String agentOptions) throws IOException, InterruptedException {
    Path agent = Path.of(property("fftt.agent.jar"));
    assertThat(agent).as("the agent jar (build the reactor with `mvn install`)").exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-javaagent:" + agent + (agentOptions.isEmpty() ? "" : "=" + agentOptions),
        "-cp", property("fftt.it.class.path"), APP));
    Path dir = Files.createDirectories(Path.of("target", "it-work"));
    Path out = Files.createTempFile(dir, "stdout-", ".txt");
    Path err = Files.createTempFile(dir, "stderr-", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    int exit = process.isAlive() ? -1 : process.exitValue();
    return new Run(command, exit, Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (run through failsafe: `mvn verify`)", name)
        .isNotBlank();
    return value;
  }
}
