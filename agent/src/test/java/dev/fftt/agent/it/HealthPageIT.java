package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live health page through the agent's option {@code health=}, in forked JVMs whose runtime
 * is the agent's (on the boot class path): served at start and on attach, guarded by a token from
 * the environment or the config file, a bad value stopping the start with one line, and a port in
 * use costing one line while the application runs on. Every run ends by returning from main, so
 * a page that kept the JVM alive would fail the run's time limit.
 */
class HealthPageIT {

  private static final String APP = "dev.fftt.agent.it.app.HealthPageApp";

  /** A port free a moment ago (the forked JVM binds it a moment later). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Jvm app(Jvm jvm) {
    return Scenarios.appJvm(jvm, false);
  }

  private static void assertServed(Jvm.Result run) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains(
        "CALLS 2", "RUNTIME-LOADER null", "STATUS 200", "TYPE application/json; charset=utf-8",
        "PAGE-JS 200", "THREAD fftt-health daemon=true", "DONE");
    assertThat(run.stdoutLines()).as(run.describe())
        .anyMatch(l -> l.startsWith("BODY {\"status\":\"HEALTHY\",\"operations\":[")
            && l.contains("{\"name\":\"it_monitor\",\"calls\":2,\"successes\":2,"));
    assertThat(run.stderr()).as(run.describe()).doesNotContain("FFTT agent").doesNotContain("health");
  }

  /**
   * Standard error without the JVM's warnings and the unchecked-class warning every run of these
   * fixtures logs (two lines through java.util.logging: they were compiled without the processor).
   */
  private static List<String> stderrLines(Jvm.Result run) {
    List<String> lines = new ArrayList<>(run.stderrLinesWithoutJvmWarnings());
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains("was compiled without fftt-processor")) {
        lines.remove(i);
        if (i > 0 && lines.get(i - 1).contains("dev.fftt.runtime.internal.util.Log")) {
          lines.remove(i - 1);
          i--;
        }
      }
    }
    return lines;
  }

  @Test
  void servedFromTheStartWithTheBootClassPathRuntime() throws IOException {
    int port = freePort();

    Jvm.Result run = app(Jvm.current()).agent("health=" + port)
        .run(APP, List.of(Integer.toString(port)));

    assertServed(run);
  }

  @Test
  void servedOnAttach() throws IOException {
    int port = freePort();

    Jvm.Result run = app(Jvm.current())
        .run(APP, List.of(Integer.toString(port), "--attach=health=" + port));

    assertThat(run.stdoutLines()).as(run.describe()).contains("ATTACHED");
    assertServed(run);
  }

  @Test
  void servedOnJava25() throws IOException {
    Path home = TestPaths.java25Home();
    assumeTrue(Files.isExecutable(home.resolve("bin/java")),
        "no Java 25 at " + home + " (set -Dfftt.java25.home=...); the Java 25 run is skipped");
    int port = freePort();

    Jvm.Result run = app(Jvm.at(home)).agent("health=" + port)
        .run(APP, List.of(Integer.toString(port)));

    assertServed(run);
  }

  @Test
  void aTokenFromTheEnvironmentGuardsTheJson() throws IOException {
    int port = freePort();

    Jvm.Result run = app(Jvm.current()).agent("health=" + port)
        .env("FFTT_HEALTH_TOKEN", "env-secret")
        .run(APP, List.of(Integer.toString(port), "--token=env-secret"));

    assertThat(run.stdoutLines()).as(run.describe()).contains("STATUS-NO-TOKEN 401");
    assertServed(run);
  }

  @Test
  void aTokenFromTheConfigFileGuardsTheJson() throws IOException {
    int port = freePort();
    Path config = Files.writeString(Files.createTempFile(TestPaths.workDir(), "health-", ".properties"),
        "health.token=file-secret\n");

    Jvm.Result run = app(Jvm.current()).agent("health=" + port + ",config=" + config)
        .run(APP, List.of(Integer.toString(port), "--token=file-secret"));

    assertThat(run.stdoutLines()).as(run.describe()).contains("STATUS-NO-TOKEN 401");
    assertServed(run);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "99999", "abc", "localhost:", ":9404", "::1:9404",
      "host name:9404", "9404x", "-1"})
  void aBadValueStopsTheStartWithOneLine(String value) {
    Jvm.Result run = app(Jvm.current()).agent("health=" + value).run(APP, List.of("1"));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).containsExactly(
        "FFTT agent: bad value '" + value + "' for option 'health'; valid values: off, <port>,"
            + " <host>:<port> (a port from 1 to 65535; an IPv6 address in brackets, e.g."
            + " [::1]:9404)");
    assertThat(run.stdout()).as("the application must not have run\n" + run.describe()).isEmpty();
  }

  @Test
  void aPortInUseIsOneLineAndTheApplicationRunsOn() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      Jvm.Result run = app(Jvm.current()).agent("health=" + port)
          .run(APP, List.of(Integer.toString(port), "--no-fetch"));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stdoutLines()).as(run.describe()).contains("CALLS 2", "DONE");
      assertThat(stderrLines(run)).as(run.describe()).containsExactly(
          "FFTT agent: cannot serve the FFTT health page at 127.0.0.1:" + port
              + ": Address already in use; the application runs on without the health page");
    }
  }

  @Test
  void aHostOtherThanLoopbackIsServedWithAWarning() throws IOException {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of(Integer.toString(port)));

    Jvm.Result run = app(Jvm.current()).agent("health=0.0.0.0:" + port).run(APP, args);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("STATUS 200", "DONE");
    assertThat(run.stderr()).as(run.describe())
        .contains("FFTT agent: the health page is served on 0.0.0.0:" + port
            + ", which other machines can reach, and no token guards its data");
  }
}
