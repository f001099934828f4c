package dev.fftt.processor.internal;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Rule 3, the values of {@code @WithTimeout}: a limit greater than zero, in a unit no longer than
 * {@code DAYS}. Checked where the annotation is written, on a class or on a method.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class TimeoutChecker implements Checker {

  private final Elements elements;
  private final Reporter reporter;

  /** Reads values with {@code elements} and reports through {@code reporter}. */
  public TimeoutChecker(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  @Override
  public void check(TypeModel type) {
    for (Site site : type.written(AnnotationKind.TIMEOUT)) {
      Values values = new Values(elements, site.mirror());
      checkValue(site, values);
      checkUnit(site, values);
    }
  }

  private void checkValue(Site site, Values values) {
    OptionalLong value = values.asLong("value");
    if (value.isEmpty()) {
      reporter.cannotJudge();
    } else if (value.getAsLong() <= 0) {
      reporter.report(Kind.ERROR, String.format(
          "@WithTimeout value must be greater than 0, but is %d; give the limit as a positive"
              + " number of units (e.g. value = 30, unit = ChronoUnit.SECONDS), or remove"
              + " @WithTimeout for no limit",
          value.getAsLong()),
          site.element(), site.mirror(), values.raw("value"));
    }
  }

  private void checkUnit(Site site, Values values) {
    Optional<ChronoUnit> unit = values.asUnit("unit");
    if (unit.isEmpty()) {
      reporter.cannotJudge();
      return;
    }
    if (unit.get().compareTo(ChronoUnit.DAYS) <= 0) {
      return;
    }
    String fix;
    if (unit.get() == ChronoUnit.FOREVER) {
      fix = "a limit of FOREVER never fires; remove @WithTimeout for no limit, or give a real"
          + " limit in DAYS or a shorter unit";
    } else if (unit.get() == ChronoUnit.WEEKS && values.asLong("value").isPresent()
        && values.asLong("value").getAsLong() > 0
        && values.asLong("value").getAsLong() <= Long.MAX_VALUE / 7) {
      fix = "write value = " + values.asLong("value").getAsLong() * 7
          + ", unit = ChronoUnit.DAYS instead";
    } else {
      fix = "give the limit in DAYS or a shorter unit (" + unit.get().name()
          + " has no fixed length)";
    }
    reporter.report(Kind.ERROR, String.format(
        "@WithTimeout unit %s is longer than DAYS, the longest unit a timeout may use; %s",
        unit.get().name(), fix),
        site.element(), site.mirror(), values.raw("unit"));
  }
}
