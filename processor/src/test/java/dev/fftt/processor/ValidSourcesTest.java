package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Valid sources compile clean: no error, no warning. */
class ValidSourcesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "good/ClassLevelAnnotations",
      "good/CompletionStageSubtypes",
      "good/BlockingOutsideTheBody",
      "good/EdgeValues",
      "good/Shop",
      "good/Plain",
  })
  void compilesWithoutDiagnostics(String path) {
    Compilation compilation = compile(source(path));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteCount(0);
  }

  @Test
  void resiliencePoliciesWithTimeoutsAndResolvableFallbacksCompileClean() {
    Compilation compilation = compile(source("good/Resilient"), source("good/ResilientBase"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteCount(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"error", "warning", "off"})
  void blockingCallsOutsideTheBodyAreFineInEveryMode(String mode) {
    Compilation compilation =
        compile(List.of("-Afftt.blocking=" + mode), source("good/BlockingOutsideTheBody"));
    assertThat(compilation).succeededWithoutWarnings();
  }
}
