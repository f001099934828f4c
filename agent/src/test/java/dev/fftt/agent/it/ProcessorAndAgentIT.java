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
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
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
    // Given: javac with the processor jar (and what it depends on) as the processor path
    Path classes = compileWithProcessor("e2e", "shop", "Shop");
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

  @Test
  void fallbackOverloadsOfAClassCompiledWithTheProcessorRunAsResolved() throws Exception {
    // Given: a class with @Fallback overload sets (one private, one static), compiled with the
    // processor (no error, no warning)
    Path classes = compileWithProcessor("e2e-fallback", "quotes", "Quotes");
    try (InputStream in = Files.newInputStream(classes.resolve(ProcessorIndex.PATH))) {
      ProcessorIndex.Contents index = ProcessorIndex.parse(in);
      assertThat(index.classes()).containsExactly("quotes.Quotes");
      // the overloads the runtime binds by descriptor (no reflective search)
      String fut = "Ljava/util/concurrent/CompletableFuture;";
      assertThat(index.fallbacks()).extracting(c -> c.method() + " -> " + c.fallbackName()
              + c.fallbackDescriptor())
          .containsExactlyInAnyOrder(
              "guarded -> cached(Ljava/lang/String;I)" + fut,
              "guarded -> cached(Ljava/lang/String;ILjava/io/IOException;)" + fut,
              "guarded -> cached(Ljava/lang/String;ILjava/lang/Throwable;)" + fut,
              "quote -> cached(Ljava/lang/String;I)" + fut,
              "quote -> cached(Ljava/lang/String;ILjava/io/IOException;)" + fut,
              "quote -> cached(Ljava/lang/String;ILjava/lang/Throwable;)" + fut,
              "staticQuote -> staticFallback(JLjava/lang/Throwable;)" + fut);
    }

    // When: it runs with the agent
    Jvm.Result run = Jvm.current().agent("")
        .classPath(classes, TestPaths.annotationsJar(), TestPaths.runtimeJar())
        .run("quotes.Quotes", List.of());

    // Then: each failure went to the most specific overload it is an instance of; the breaker's
    // refusal fell back without running the body; counted; no warning
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly(
        "quote OK: OK=1",
        "quote IO: io IO IOException",
        "quote FNF: io FNF FileNotFoundException",
        "quote ISE: any ISE IllegalStateException",
        "static: static fallback 7: static 7",
        "guarded 1: io G IOException",
        "guarded 2: any G CircuitBreakerOpenException",
        "bodies: 5",
        "quotes: calls=4 successes=4 fallbacks=3",
        "guarded: calls=2 fallbacks=2 rejections=1 breaker=OPEN");
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).isEmpty();
  }

  /** Compiles resource {@code /e2e/<pkg>/<name>.java} with the real processor; its classes. */
  private Path compileWithProcessor(String workName, String pkg, String name) throws Exception {
    Path work = Files.createDirectories(TestPaths.workDir().resolve(workName));
    Path source = Files.createDirectories(work.resolve("src/" + pkg)).resolve(name + ".java");
    try (InputStream in = getClass().getResourceAsStream("/e2e/" + pkg + "/" + name + ".java")) {
      Files.write(source, in.readAllBytes());
    }
    Path classes = Files.createDirectories(work.resolve("classes"));
    String libraries = TestPaths.annotationsJar() + java.io.File.pathSeparator
        + TestPaths.runtimeJar();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    DiagnosticCollector<JavaFileObject> reported = new DiagnosticCollector<>();
    boolean compiled = javac.getTask(diagnostics, null, reported, List.of("--release", "17",
        "-cp", libraries, "-processorpath", TestPaths.processorJar() + java.io.File.pathSeparator
            + libraries, "-d", classes.toString()), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
    assertThat(compiled).as("javac: %s %s", diagnostics, reported.getDiagnostics()).isTrue();
    assertThat(reported.getDiagnostics()).as("the processor's errors and warnings")
        .noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
            || d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
    return classes;
  }
}
