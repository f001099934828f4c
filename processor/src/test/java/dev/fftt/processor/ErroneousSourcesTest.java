package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.classOutput;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.compileWith;
import static dev.fftt.processor.Sources.message;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.Compilation;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Code with errors javac reports itself: the processor says nothing about them and goes on. */
class ErroneousSourcesTest {

  @Test
  void unresolvedTypesLeaveOnlyJavacsOwnErrors() {
    Compilation compilation = compile(source("err/Unresolved"));
    assertThat(compilation).failed();
    assertThat(compilation).hadWarningCount(0);
    Assertions.assertThat(compilation.errors()).isNotEmpty()
        .allSatisfy(e -> Assertions.assertThat(message(e)).startsWith("cannot find symbol"));
  }

  @Test
  void unresolvedCodeDoesNotHideErrorsElsewhere() {
    JavaFileObject values = source("bad/TimeoutNegative");
    Compilation compilation = compile(source("err/Unresolved"), values);
    assertThat(compilation).hadErrorContaining("@WithTimeout value must be greater than 0")
        .inFile(values).onLineContaining("value = -1");
    Assertions.assertThat(compilation.errors())
        .filteredOn(e -> !message(e).startsWith("cannot find symbol"))
        .hasSize(1);
  }

  @Test
  void typesGeneratedByAnotherProcessorAreWaitedFor() {
    // Round 1: gen.Failure (in retryOn) and gen.Reply (a return type) do not exist yet, so the
    // class is put off to the next round; judged then, it is valid and indexed. Judged in round 1
    // it could not be told woven or not, and no index would be written.
    Compilation compilation = compileWith(List.of(new PayloadGenerator(), new FfttProcessor()),
        List.of(), source("good/UsesGenerated"));
    assertThat(compilation).succeededWithoutWarnings();
    Assertions.assertThat(classOutput(compilation, ProcessorIndex.PATH)).hasValue("good.UsesGenerated\n");
  }

  /** Writes the gen types in its first round, as code generators do. */
  static final class PayloadGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      if (!done) {
        done = true;
        write("gen.Payload", "package gen;\npublic final class Payload {}\n");
        write("gen.Failure",
            "package gen;\npublic final class Failure extends RuntimeException {\n"
                + "  private static final long serialVersionUID = 1L;\n}\n");
        write("gen.Reply", "package gen;\n"
            + "public final class Reply extends java.util.concurrent.CompletableFuture<String> {}\n");
      }
      return false;
    }

    private void write(String name, String text) {
      try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        out.write(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
