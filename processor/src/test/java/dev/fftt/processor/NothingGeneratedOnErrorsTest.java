package dev.fftt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compilation in which the processor reports an error writes no index, even for the valid
 * classes beside the broken one; no compilation gets a generated source.
 */
class NothingGeneratedOnErrorsTest {

  @TempDir Path root;

  @ParameterizedTest
  @ValueSource(strings = {
      "bad/NotFutureWithTimeout", "bad/AbstractMethod", "bad/ClassLevelAbstract",
      "bad/TimeoutZero", "bad/TimeoutWeeks", "bad/RetryInBothLists",
      "bad/RetryMaxDelayBelowDelay", "bad/MonitorNameWithSpace", "err/Unresolved",
  })
  void brokenSourceBesideAValidOne(String broken) {
    DiskCompiler javac = new DiskCompiler(root);
    boolean ok = javac.compile(List.of(), javac.copy("good/Shop"), javac.copy(broken));
    assertThat(ok).isFalse();
    assertThat(javac.generatedSources()).isEmpty();
    assertThat(javac.index()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Afftt.blocking=sometimes", "-Afftt.blocking="})
  void badOption(String option) {
    DiskCompiler javac = new DiskCompiler(root);
    boolean ok = javac.compile(List.of(option), javac.copy("good/Shop"));
    assertThat(ok).isFalse();
    assertThat(javac.generatedSources()).isEmpty();
    assertThat(javac.index()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Afftt.blocking=error", "-Afftt.blocking=off"})
  void validSourcesGetTheIndexAndNoSource(String option) {
    DiskCompiler javac = new DiskCompiler(root);
    boolean ok = javac.compile(List.of(option), javac.copy("good/Shop"));
    assertThat(ok).isTrue();
    assertThat(javac.generatedSources()).isEmpty();
    assertThat(javac.index()).hasValue("good.Shop\ngood.Shop$Inner\n");
  }
}
