package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.testing.NoSlf4jMain;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime must work, and log through System.Logger, when the application has no SLF4J. */
class Slf4jAbsentTest {

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void withoutSlf4jTheRuntimeWorksAndLogsThroughSystemLogger() throws Exception {
    String classPath = String.join(File.pathSeparator, location(Async.class),
        location(dev.fftt.annotations.Retry.class), location(NoSlf4jMain.class));
    Path out = Files.createTempFile("no-slf4j", ".log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, NoSlf4jMain.class.getName())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String all = String.join("\n", lines);
    assertThat(p.exitValue()).as(all).isZero();
    assertThat(lines).contains("slf4j=false mdc=false", "safe failed with AsyncTimeoutException suppressed=1",
        "status=UNHEALTHY", "done");
    // java.util.logging's default format: a "WARNING:" line with the message
    assertThat(all).contains("WARNING: FFTT: event loop 'nolog' is stalled");
    assertThat(all).contains("FFTT health: UNHEALTHY");
    assertThat(all).doesNotContain("SLF4J");
  }
}
