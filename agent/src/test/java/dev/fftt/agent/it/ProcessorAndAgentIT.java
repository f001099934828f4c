package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * End to end, with nothing standing in: a class compiled by javac with the real processor on its
 * processor path (the jar the build made), then run with the real agent jar. The processor's
 * index must list it (so the agent does not report it as unchecked), and the woven methods must
 * retry, time out and count as written.
 */
class ProcessorAndAgentIT {

  @Test
  void aClassCompiledWithTheProcessorIsWovenByTheAgentAndRuns() throws Exception {
    Path work = Files.createDirectories(TestPaths.workDir().resolve("e2e"));
    Path source = Files.createDirectories(work.resolve("src/shop")).resolve("Shop.java");
    try (InputStream in = getClass().getResourceAsStream("/e2e/shop/Shop.java")) {
      Files.write(source, in.readAllBytes());
    }
    Path classes = Files.createDirectories(work.resolve("classes"));
    String libraries = TestPaths.annotationsJar() + java.io.File.pathSeparator
        + TestPaths.runtimeJar();

    // Given: javac with the processor jar (and what it depends on) as the processor path
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null, List.of("--release", "17",
        "-cp", libraries, "-processorpath", TestPaths.processorJar() + java.io.File.pathSeparator
            + libraries, "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
    assertThat(compiled).as("javac: %s", diagnostics).isTrue();
    Path index = classes.resolve(ProcessorIndex.PATH);
    assertThat(index).as("the processor ran and wrote its index").exists();
    try (InputStream in = Files.newInputStream(index)) {
      assertThat(ProcessorIndex.read(in)).containsExactly("shop.Shop");
    }

    // When: it runs with the agent
    Jvm.Result run = Jvm.current().agent("")
        .classPath(classes, TestPaths.annotationsJar(), TestPaths.runtimeJar())
        .run("shop.Shop", List.of());

    // Then: retried twice, the hang timed out, counted once with two retries; no warning
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly(
        "order: 3 x A1 after 3 attempts",
        "hang: Shop.hang timed out after 50 ms",
        "stats: calls=1 successes=1 retries=2");
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).isEmpty();
  }
}
