package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.assertOnlyErrorAt;
import static dev.fftt.processor.Sources.assertOnlyWarning;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.message;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.time.temporal.ChronoUnit;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rule 7: the values of {@code @CircuitBreaker}, and its warning when no timeout applies. */
class CircuitBreakerRulesTest {

  @Test
  void requestVolumeThresholdBelowOne() {
    JavaFileObject file = timed("@CircuitBreaker(requestVolumeThreshold = 0)");
    assertOnlyErrorAt(compile(file), file, "requestVolumeThreshold = 0", "0)",
        "@CircuitBreaker requestVolumeThreshold must be 1 or more", "but is 0", "e.g. 20");
  }

  @Test
  void failureRatioAboveOne() {
    JavaFileObject file = timed("@CircuitBreaker(failureRatio = 1.5)");
    assertOnlyErrorAt(compile(file), file, "failureRatio = 1.5", "1.5",
        "@CircuitBreaker failureRatio must be between 0 and 1", "but is 1.5", "e.g. 0.5");
  }

  @Test
  void failureRatioNegative() {
    JavaFileObject file = timed("@CircuitBreaker(failureRatio = -0.1)");
    assertOnlyErrorAt(compile(file), file, "failureRatio = -0.1", "-0.1",
        "@CircuitBreaker failureRatio must be between 0 and 1", "but is -0.1");
  }

  @Test
  void failureRatioNotANumber() {
    JavaFileObject file = timed("@CircuitBreaker(failureRatio = Double.NaN)");
    assertOnlyErrorAt(compile(file), file, "failureRatio = Double.NaN", ".NaN",
        "@CircuitBreaker failureRatio must be between 0 and 1", "but is NaN");
  }

  @Test
  void negativeDelay() {
    JavaFileObject file = timed("@CircuitBreaker(delay = -1)");
    assertOnlyErrorAt(compile(file), file, "delay = -1", "-1",
        "@CircuitBreaker delay must be 0 or more", "but is -1", "stays open");
  }

  @Test
  void weeksSuggestsTheDays() {
    JavaFileObject file = timed("@CircuitBreaker(delay = 2, delayUnit = ChronoUnit.WEEKS)");
    assertOnlyErrorAt(compile(file), file, "delayUnit = ChronoUnit.WEEKS", ".WEEKS",
        "@CircuitBreaker delayUnit WEEKS is longer than DAYS",
        "delay = 14, delayUnit = ChronoUnit.DAYS");
  }

  @Test
  void foreverNeverAdmitsATrial() {
    JavaFileObject file = timed("@CircuitBreaker(delayUnit = ChronoUnit.FOREVER)");
    assertOnlyErrorAt(compile(file), file, "ChronoUnit.FOREVER", ".FOREVER",
        "@CircuitBreaker delayUnit FOREVER is longer than DAYS", "never admit a trial");
  }

  @ParameterizedTest
  @EnumSource(value = ChronoUnit.class, names = {"MONTHS", "YEARS", "ERAS"})
  void otherUnitsLongerThanDaysHaveNoFixedLength(ChronoUnit unit) {
    JavaFileObject file = timed("@CircuitBreaker(delayUnit = ChronoUnit." + unit.name() + ")");
    assertOnlyErrorAt(compile(file), file, "ChronoUnit." + unit.name(), "." + unit.name(),
        "@CircuitBreaker delayUnit " + unit.name() + " is longer than DAYS",
        "has no fixed length");
  }

  @Test
  void successThresholdBelowOne() {
    JavaFileObject file = timed("@CircuitBreaker(successThreshold = -3)");
    assertOnlyErrorAt(compile(file), file, "successThreshold = -3", "-3",
        "@CircuitBreaker successThreshold must be 1 or more", "but is -3", "half-open");
  }

  @Test
  void classInBothFailOnAndSkipOn() {
    JavaFileObject file = timed("@CircuitBreaker(failOn = {IOException.class,"
        + " IllegalStateException.class}, skipOn = {IllegalStateException.class})");
    assertOnlyErrorAt(compile(file), file, "skipOn = {IllegalStateException.class}",
        ".class}",
        "@CircuitBreaker lists IllegalStateException in both failOn and skipOn",
        "never counts as a failure", "remove it from one of them");
  }

  @Test
  void everyBadValueIsReportedInOneRun() {
    Compilation compilation = compile(timed("@CircuitBreaker(requestVolumeThreshold = 0,"
        + " failureRatio = 2.0, delay = -5, successThreshold = 0)"));
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void classLevelValuesAreCheckedOnTheClass() {
    JavaFileObject file = JavaFileObjects.forSourceLines("cb.Guarded",
        "package cb;",
        "import dev.fftt.annotations.CircuitBreaker;",
        "import dev.fftt.annotations.WithTimeout;",
        "import java.util.concurrent.CompletableFuture;",
        "@WithTimeout(1)",
        "@CircuitBreaker(successThreshold = 0)",
        "class Guarded {",
        "  CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
    assertOnlyErrorAt(compile(file), file, "successThreshold = 0", "0)",
        "@CircuitBreaker successThreshold must be 1 or more", "but is 0");
  }

  @Test
  void noTimeoutWarnsOnTheBreaker() {
    JavaFileObject file = JavaFileObjects.forSourceLines("cb.Untimed",
        "package cb;",
        "import dev.fftt.annotations.CircuitBreaker;",
        "import java.util.concurrent.CompletableFuture;",
        "class Untimed {",
        "  @CircuitBreaker(requestVolumeThreshold = 4)",
        "  CompletableFuture<String> fetch(int id) {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
    assertOnlyWarning(compile(file), file, "@CircuitBreaker(requestVolumeThreshold = 4)",
        "@CircuitBreaker on Untimed.fetch() has no @WithTimeout",
        "a trial that never completes holds the breaker half-open",
        "add @WithTimeout to the method or its class");
  }

  @Test
  void classLevelBreakerWithoutTimeoutWarnsOnceOnTheClassNamingTheMethods() {
    JavaFileObject file = JavaFileObjects.forSourceLines("cb.AllUntimed",
        "package cb;",
        "import dev.fftt.annotations.CircuitBreaker;",
        "import dev.fftt.annotations.WithTimeout;",
        "import java.util.concurrent.CompletableFuture;",
        "@CircuitBreaker",
        "class AllUntimed {",
        "  CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "  @WithTimeout(2)",
        "  CompletableFuture<String> timed() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "  CompletableFuture<String> load() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
    Compilation compilation = compile(file);
    assertOnlyWarning(compilation, file, "@CircuitBreaker",
        "@CircuitBreaker on class AllUntimed reaches AllUntimed.fetch(), AllUntimed.load()"
            + " with no @WithTimeout", "holds the breaker half-open");
    Assertions.assertThat(message(compilation.warnings().get(0))).doesNotContain("timed()");
  }

  @Test
  void noWarningWithAMethodLevelTimeout() {
    assertThat(compile(timed("@CircuitBreaker"))).succeededWithoutWarnings();
  }

  @Test
  void noWarningWhenTheTimeoutComesFromTheType() {
    JavaFileObject file = JavaFileObjects.forSourceLines("cb.TypeTimed",
        "package cb;",
        "import dev.fftt.annotations.CircuitBreaker;",
        "import dev.fftt.annotations.WithTimeout;",
        "import java.util.concurrent.CompletableFuture;",
        "@WithTimeout(3)",
        "class TypeTimed {",
        "  @CircuitBreaker(delay = 100)",
        "  CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
    assertThat(compile(file)).succeededWithoutWarnings();
  }

  /** A class with one method under {@code @WithTimeout} and {@code annotation}. */
  private static JavaFileObject timed(String annotation) {
    return JavaFileObjects.forSourceLines("cb.Backend",
        "package cb;",
        "import dev.fftt.annotations.CircuitBreaker;",
        "import dev.fftt.annotations.WithTimeout;",
        "import java.io.IOException;",
        "import java.time.temporal.ChronoUnit;",
        "import java.util.concurrent.CompletableFuture;",
        "class Backend {",
        "  @WithTimeout(5)",
        "  " + annotation,
        "  CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
  }
}
