package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.classOutput;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.compileWith;
import static dev.fftt.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the processor writes: the woven-classes index, in {@link ProcessorIndex}'s format, and
 * nothing else (no source, so javac runs no extra round).
 */
class GeneratedOutputTest {

  private static final String INDEX = ProcessorIndex.PATH;

  @Test
  void indexListsExactlyTheClassesWithWovenMethods() throws IOException {
    Compilation compilation = compile(source("good/Shop"), source("good/Plain"),
        source("good/CompletionStageSubtypes"), source("good/ClassLevelAnnotations"));
    assertThat(compilation).succeededWithoutWarnings();
    String index = classOutput(compilation, INDEX).orElseThrow();
    // Shop$Inner$Glitch and Plain have no woven method; Shop$Inner is woven through its own
    // methods, Shop through class-level annotations.
    assertThat(index).isEqualTo(
        "good.ClassLevelAnnotations\n"
            + "good.ClassLevelAnnotations$Lookup\n"
            + "good.CompletionStageSubtypes\n"
            + "good.Shop\n"
            + "good.Shop$Inner\n");
    assertThat(ProcessorIndex.read(new ByteArrayInputStream(
        index.getBytes(StandardCharsets.UTF_8))))
        .containsExactly("good.ClassLevelAnnotations", "good.ClassLevelAnnotations$Lookup",
            "good.CompletionStageSubtypes",
            "good.Shop", "good.Shop$Inner");
  }

  @Test
  void nothingButTheIndexAndTheCompiledClassesIsWritten() {
    RoundCounter rounds = new RoundCounter();
    Compilation compilation = compileWith(List.of(new FfttProcessor(), rounds), List.of(),
        source("good/Shop"), source("good/ClassLevelAnnotations"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
    assertThat(compilation.generatedFiles().stream()
        .map(JavaFileObject::getName)
        .filter(name -> name.endsWith(".class"))
        .map(name -> name.substring(name.lastIndexOf('/') + 1)))
        .containsExactlyInAnyOrder("Shop.class", "Shop$Inner.class", "Shop$Inner$Glitch.class",
            "ClassLevelAnnotations.class", "ClassLevelAnnotations$Lookup.class");
    // The sources' round and javac's closing round: none for generated code.
    assertThat(rounds.count).isEqualTo(2);
  }

  @Test
  void classLevelAnnotationThatReachesNothingIsNotIndexed() {
    Compilation compilation = compile(source("good/Shop"), source("bad/ClassLevelNoFutureMethod"));
    assertThat(compilation).succeeded();
    assertThat(classOutput(compilation, INDEX)).hasValue("good.Shop\ngood.Shop$Inner\n");
  }

  @Test
  void nothingIsIndexedWithoutAnnotations() {
    Compilation compilation = compile(source("good/Plain"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(classOutput(compilation, INDEX)).isEmpty();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }

  @Test
  void warningsDoNotStopTheIndex() {
    Compilation compilation = compile(source("bad/RetryShorterThanTimeout"));
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(classOutput(compilation, INDEX)).hasValue("bad.RetryShorterThanTimeout\n");
  }

  /** Counts the rounds javac runs. */
  static final class RoundCounter extends AbstractProcessor {
    int count;

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
      count++;
      return false;
    }
  }
}
