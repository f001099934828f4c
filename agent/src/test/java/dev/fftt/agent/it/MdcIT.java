package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caller's MDC in woven code when SLF4J is on the application's class path and the runtime
 * on the boot class path (it finds SLF4J through the system class loader).
 */
class MdcIT {

  @Test
  void theCallersMdcIsInPlaceInAttemptsOnTheLoopAndAtCompletion() {
    Path provider = TestPaths.testClasses().resolve("slf4j-provider");
    Jvm.Result run = Jvm.current().agent("")
        .classPath(TestPaths.testClasses(), provider, TestPaths.annotationsJar(),
            Path.of(System.getProperty("fftt.slf4j.api.jar")))
        .run("dev.fftt.agent.it.app.mdc.MdcApp", List.of());

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).containsExactlyInAnyOrder(
        "attempt 1 r-42", "attempt 2 r-42", "attempt 3 r-42",
        "loop body r-42",
        "retry completion r-42", "loop completion r-42", "timeout completion r-42",
        "caller after caller-own");
  }
}
