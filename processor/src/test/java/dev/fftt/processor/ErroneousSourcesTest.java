package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.compileWith;
import static dev.fftt.processor.Sources.message;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.Compilation;
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
  void typeGeneratedByAnotherProcessorIsWaitedFor() {
    // Round 1: gen.Payload does not exist yet, so the class is put off to the next round.
    Compilation compilation = compileWith(List.of(new PayloadGenerator(), new FfttProcessor()),
        List.of(), source("good/UsesGenerated"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("good.UsesGenerated$$FfttPolicy")
        .contentsAsUtf8String()
        .contains("\"descriptor=(Lgen/Payload;)Ljava/util/concurrent/CompletableFuture;\"");
  }

  /** Writes gen.Payload in its first round, as code generators do. */
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
        try (Writer out = processingEnv.getFiler().createSourceFile("gen.Payload").openWriter()) {
          out.write("package gen;\npublic final class Payload {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
