package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenarios on Java 25 (fftt.java25.home, default /usr/lib/jvm/temurin-25-jdk-amd64): skipped
 * with a message where it is not installed; CI must have it.
 */
class Java25SmokeIT {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyScenarioPassesOnJava25(boolean attach) {
    Path home = java25();
    Jvm jvm = Scenarios.appJvm(Jvm.at(home), false);
    List<String> args = new ArrayList<>();
    if (attach) {
      args.add("--attach=");
    } else {
      jvm.agent("");
    }
    args.addAll(Scenarios.ALL);

    Jvm.Result run = jvm.run(Scenarios.APP, args);

    Scenarios.assertAllOk(run, Scenarios.ALL);
    assertThat(run.stderr()).as("nothing of the agent should use sun.misc.Unsafe\n" + run.describe())
        .doesNotContain("sun.misc.Unsafe");
  }

  @Test
  void aClassCompiledForJava25IsWoven() throws IOException, InterruptedException,
      URISyntaxException {
    Path home = java25();
    Path source = Path.of(getClass().getResource("/java25/p/App25.java").toURI());
    Path classes = Files.createDirectories(TestPaths.workDir().resolve("java25-classes"));
    Process javac = new ProcessBuilder(home.resolve("bin/javac").toString(), "--release", "25",
        "-cp", TestPaths.annotationsJar().toString(), "-d", classes.toString(), source.toString())
        .inheritIO().start();
    assertThat(javac.waitFor(60, TimeUnit.SECONDS) && javac.exitValue() == 0)
        .as("javac --release 25").isTrue();

    Jvm.Result run = Jvm.at(home).agent("")
        .classPath(classes, TestPaths.annotationsJar())
        .run("p.App25", List.of());

    assertThat(run.stdoutLines()).as(run.describe()).containsExactly(
        "WOVEN dev.fftt.runtime.AsyncTimeoutException: App25.never timed out after 50 ms");
  }

  private static Path java25() {
    Path home = TestPaths.java25Home();
    assumeTrue(Files.isExecutable(home.resolve("bin/java")),
        "no Java 25 at " + home + " (set -Dfftt.java25.home=...); the smoke run is skipped");
    return home;
  }
}
