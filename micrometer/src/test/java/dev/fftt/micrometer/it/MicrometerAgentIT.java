package dev.fftt.micrometer.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.micrometer.it.app.MetricsApp;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With the agent and fftt-micrometer on an application's class path, the exporter starts by
 * itself and binds Micrometer's global registry ({@code micrometer=auto}, the default);
 * {@code micrometer=off} binds nothing; {@code monitor=off} leaves only the breaker and bulkhead
 * meters. Each case is a forked JVM running {@link MetricsApp}.
 */
class MicrometerAgentIT {

  private static final String OP = "operation=it.fetch";

  @Test
  void autoBindsTheGlobalRegistryByItself() throws Exception {
    Run run = run("");

    assertThat(run.stdout).as(run.describe()).contains("CALL ok", "CALL true", "DONE");
    assertThat(run.meters()).as(run.describe()).contains(
        "METER fftt.calls{fallback=none," + OP + ",outcome=success} 1.0",
        "METER fftt.calls{fallback=none," + OP + ",outcome=failure} 2.0",
        "METER fftt.calls.active{" + OP + "} 0.0",
        "METER fftt.retries{" + OP + "} 0.0",
        "METER fftt.circuitbreaker.calls{" + OP + ",result=success} 1.0",
        "METER fftt.circuitbreaker.calls{" + OP + ",result=failure} 1.0",
        "METER fftt.circuitbreaker.calls{" + OP + ",result=rejected} 1.0",
        "METER fftt.circuitbreaker.state{" + OP + ",state=open} 1.0",
        "METER fftt.circuitbreaker.state{" + OP + ",state=closed} 0.0",
        "METER fftt.bulkhead.calls{" + OP + ",result=accepted} 2.0",
        "METER fftt.bulkhead.running{" + OP + "} 0.0");
  }

  @Test
  void micrometerOffBindsNothing() throws Exception {
    Run run = run("micrometer=off");

    assertThat(run.stdout).as(run.describe()).contains("CALL ok", "CALL true", "DONE");
    assertThat(run.meters()).as(run.describe()).isEmpty();
  }

  @Test
  void monitorOffLeavesOnlyTheBreakerAndBulkheadMeters() throws Exception {
    Run run = run("monitor=off");

    assertThat(run.stdout).as(run.describe()).contains("DONE");
    assertThat(run.meters()).as(run.describe()).isNotEmpty()
        .allMatch(l -> l.startsWith("METER fftt.circuitbreaker.") || l.startsWith("METER fftt.bulkhead."))
        .contains("METER fftt.circuitbreaker.state{" + OP + ",state=open} 1.0",
            "METER fftt.bulkhead.calls{" + OP + ",result=accepted} 2.0");
  }

  // ---------------------------------------------------------------- the forked JVM

  private record Run(List<String> command, int exit, String stdout, String stderr) {
    List<String> meters() {
      return stdout.lines().filter(l -> l.startsWith("METER ")).toList();
    }

    String describe() {
      return "command: " + String.join(" ", command) + "\nexit: " + exit + "\n--- stdout ---\n"
          + stdout + "--- stderr ---\n" + stderr;
    }
  }

  private static Run run(String agentOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-javaagent:" + existing("fftt.agent.jar")
        + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
    command.add("-cp");
    command.add(existing("fftt.test.classes") + File.pathSeparator + existing("fftt.micrometer.jar")
        + File.pathSeparator + property("fftt.app.class.path"));
    command.add(MetricsApp.class.getName());
    Path dir = Files.createDirectories(Path.of(property("fftt.work.dir")));
    Path out = Files.createTempFile(dir, "stdout-", ".txt");
    Path err = Files.createTempFile(dir, "stderr-", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Run run = new Run(command, p.isAlive() ? -1 : p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    assertThat(run.exit).as(run.describe()).isZero();
    return run;
  }

  private static Path existing(String property) {
    Path path = Path.of(property(property));
    if (!Files.exists(path)) {
      throw new IllegalStateException(property + "=" + path + " does not exist: build it first"
          + " (mvn install -DskipTests -pl micrometer -am), then mvn verify");
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set: run the"
          + " integration tests through maven-failsafe-plugin (mvn verify)");
    }
    return value;
  }
}
