package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.testing.ChildSlf4j;
import dev.fftt.runtime.testing.ChildSlf4jMain;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application's SLF4J only in a child of the system class loader (an executable Spring Boot
 * jar's layout), the runtime on the class path without it: once the runtime learns the
 * application's loader, its lines go through that Logback, and calls carry that MDC.
 */
class Slf4jOnlyInAChildLoaderTest {

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void linesGoToTheChildsLogbackOnceItsLoaderIsLearned() throws Exception {
    String classPath = String.join(File.pathSeparator, location(Async.class),
        location(dev.fftt.annotations.Retry.class), location(ChildSlf4jMain.class));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, ChildSlf4jMain.class.getName()));
    for (URL jar : ChildSlf4j.logback()) {
      command.add(Path.of(jar.toURI()).toString());
    }
    Path out = Files.createTempFile("child-slf4j", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();

    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String all = String.join("\n", lines);
    assertThat(p.exitValue()).as(all).isZero();
    assertThat(lines).as(all).contains("before: slf4j=false mdc=false", "after: slf4j=true mdc=true",
        "timeout completion r-9", "done");
    // before: java.util.logging's format; after: Logback's (its pattern from the logback-test.xml
    // the child finds on the class path: "LEVEL [thread] logger - message")
    assertThat(all).contains("WARNING: FFTT: line before the application is known");
    assertThat(lines).contains("WARN  [main] dev.fftt - FFTT: line after the application is known");
    assertThat(lines).anyMatch(l -> l.startsWith("INFO  [main] dev.fftt - FFTT health: "));
    assertThat(all).doesNotContain("WARNING: FFTT: line after");
  }
}
