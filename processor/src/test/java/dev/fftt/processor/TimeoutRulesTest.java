package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.time.temporal.ChronoUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rule 3: the values of {@code @WithTimeout}. */
class TimeoutRulesTest {

  @Test
  void zeroValue() {
    JavaFileObject file = source("bad/TimeoutZero");
    assertOnlyError(compile(file), file, "@WithTimeout(value = 0)",
        "@WithTimeout value must be greater than 0", "but is 0", "positive number");
  }

  @Test
  void negativeValue() {
    JavaFileObject file = source("bad/TimeoutNegative");
    assertOnlyError(compile(file), file, "value = -1",
        "@WithTimeout value must be greater than 0", "but is -1");
  }

  @Test
  void weeksSuggestsTheDays() {
    JavaFileObject file = source("bad/TimeoutWeeks");
    assertOnlyError(compile(file), file, "unit = ChronoUnit.WEEKS",
        "@WithTimeout unit WEEKS is longer than DAYS", "value = 14, unit = ChronoUnit.DAYS");
  }

  @Test
  void monthsHasNoFixedLength() {
    JavaFileObject file = source("bad/TimeoutMonths");
    assertOnlyError(compile(file), file, "unit = ChronoUnit.MONTHS",
        "@WithTimeout unit MONTHS is longer than DAYS", "DAYS or a shorter unit");
  }

  @Test
  void foreverNeverFires() {
    JavaFileObject file = source("bad/TimeoutForever");
    assertOnlyError(compile(file), file, "unit = FOREVER",
        "@WithTimeout unit FOREVER is longer than DAYS", "never fires", "remove @WithTimeout");
  }

  @Test
  void classLevelValueIsCheckedOnTheClass() {
    JavaFileObject file = source("bad/TimeoutClassLevel");
    assertOnlyError(compile(file), file, "@WithTimeout(value = -5)",
        "@WithTimeout value must be greater than 0", "but is -5");
  }

  @ParameterizedTest
  @EnumSource(value = ChronoUnit.class, names = {
      "WEEKS", "MONTHS", "YEARS", "DECADES", "CENTURIES", "MILLENNIA", "ERAS", "FOREVER"})
  void everyUnitLongerThanDaysIsAnError(ChronoUnit unit) {
    JavaFileObject file = timeoutIn(unit);
    assertOnlyError(compile(file), file, "ChronoUnit." + unit.name(),
        "@WithTimeout unit " + unit.name() + " is longer than DAYS");
  }

  @ParameterizedTest
  @EnumSource(value = ChronoUnit.class, names = {
      "NANOS", "MICROS", "MILLIS", "SECONDS", "MINUTES", "HOURS", "HALF_DAYS", "DAYS"})
  void everyUnitUpToDaysIsFine(ChronoUnit unit) {
    Compilation compilation = compile(timeoutIn(unit));
    assertThat(compilation).succeededWithoutWarnings();
  }

  private static JavaFileObject timeoutIn(ChronoUnit unit) {
    return JavaFileObjects.forSourceLines("units.Timed",
        "package units;",
        "import dev.fftt.annotations.WithTimeout;",
        "import java.time.temporal.ChronoUnit;",
        "import java.util.concurrent.CompletableFuture;",
        "public class Timed {",
        "  @WithTimeout(value = 3, unit = ChronoUnit." + unit.name() + ")",
        "  public CompletableFuture<String> fetch() {",
        "    return CompletableFuture.completedFuture(\"x\");",
        "  }",
        "}");
  }
}
