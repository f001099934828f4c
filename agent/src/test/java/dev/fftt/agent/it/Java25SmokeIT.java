package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    Path home = TestPaths.java25Home();
    assumeTrue(Files.isExecutable(home.resolve("bin/java")),
        "no Java 25 at " + home + " (set -Dfftt.java25.home=...); the smoke run is skipped");
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
}
