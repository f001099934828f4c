package dev.fftt.processor.internal;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Rule 7, the values of {@code @CircuitBreaker} (checked where it is written), and its warning
 * for a guarded method that no {@code @WithTimeout} reaches (neither its own nor its class's): a
 * trial attempt that never completes would hold the breaker half-open. The warning is on the
 * method's own {@code @CircuitBreaker}, or once on the class's, naming the methods it reaches.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class CircuitBreakerChecker implements Checker {

  private final Elements elements;
  private final Reporter reporter;

  /** Reads values with {@code elements} and reports through {@code reporter}. */
  public CircuitBreakerChecker(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  @Override
  public void check(TypeModel type) {
    for (Site site : type.written(AnnotationKind.CIRCUIT_BREAKER)) {
      Values values = new Values(elements, site.mirror());
      checkCounts(site, values);
      checkDelay(site, values);
      ExceptionLists.checkDisjoint(reporter, site, values, "failOn", "skipOn",
          "@CircuitBreaker lists %s in both failOn and skipOn, so it never counts as a failure"
              + " (skipOn wins); remove it from one of them");
    }
    checkTimeouts(type);
  }

  private void checkCounts(Site site, Values values) {
    OptionalLong volume = values.asLong("requestVolumeThreshold");
    if (volume.isEmpty()) {
      reporter.cannotJudge();
    } else if (volume.getAsLong() < 1) {
      error(site, values, "requestVolumeThreshold", String.format(
          "@CircuitBreaker requestVolumeThreshold must be 1 or more, but is %d; give how many"
              + " recent outcomes the breaker judges by (e.g. 20)", volume.getAsLong()));
    }
    OptionalDouble ratio = values.asDouble("failureRatio");
    if (ratio.isEmpty()) {
      reporter.cannotJudge();
    } else if (!(ratio.getAsDouble() >= 0.0 && ratio.getAsDouble() <= 1.0)) {
      error(site, values, "failureRatio", String.format(
          "@CircuitBreaker failureRatio must be between 0 and 1 (the share of failures in a"
              + " full window that opens the breaker), but is %s; e.g. 0.5 opens it when half"
              + " of the recent attempts failed", ratio.getAsDouble()));
    }
    OptionalLong successes = values.asLong("successThreshold");
    if (successes.isEmpty()) {
      reporter.cannotJudge();
    } else if (successes.getAsLong() < 1) {
      error(site, values, "successThreshold", String.format(
          "@CircuitBreaker successThreshold must be 1 or more, but is %d; give how many trial"
              + " attempts must succeed, while half-open, to close the breaker (e.g. 1)",
          successes.getAsLong()));
    }
  }

  private void checkDelay(Site site, Values values) {
    OptionalLong delay = values.asLong("delay");
    if (delay.isEmpty()) {
      reporter.cannotJudge();
    } else if (delay.getAsLong() < 0) {
      error(site, values, "delay", String.format(
          "@CircuitBreaker delay must be 0 or more, but is %d; give how long the breaker stays"
              + " open before it admits trial attempts (e.g. delay = 5, delayUnit ="
              + " ChronoUnit.SECONDS)", delay.getAsLong()));
    }
    Optional<ChronoUnit> unit = values.asUnit("delayUnit");
    if (unit.isEmpty()) {
      reporter.cannotJudge();
      return;
    }
    if (unit.get().compareTo(ChronoUnit.DAYS) <= 0) {
      return;
    }
    String fix;
    if (unit.get() == ChronoUnit.FOREVER) {
      fix = "an open breaker would never admit a trial again; give a real delay in DAYS or a"
          + " shorter unit";
    } else if (unit.get() == ChronoUnit.WEEKS && delay.isPresent() && delay.getAsLong() >= 0
        && delay.getAsLong() <= Long.MAX_VALUE / 7) {
      fix = "write delay = " + delay.getAsLong() * 7 + ", delayUnit = ChronoUnit.DAYS instead";
    } else {
      fix = "give the delay in DAYS or a shorter unit (" + unit.get().name()
          + " has no fixed length)";
    }
    error(site, values, "delayUnit", String.format(
        "@CircuitBreaker delayUnit %s is longer than DAYS, the longest unit a delay may use; %s",
        unit.get().name(), fix));
  }

  private void checkTimeouts(TypeModel type) {
    List<String> fromClass = new ArrayList<>();
    Site classSite = null;
    for (MethodModel method : type.methods()) {
      Site breaker = method.reaching().get(AnnotationKind.CIRCUIT_BREAKER);
      if (breaker == null || !method.woven() || method.lacksBody()
          || method.reaching().containsKey(AnnotationKind.TIMEOUT)) {
        continue;
      }
      if (breaker.classLevel()) {
        classSite = breaker;
        fromClass.add(method.label());
      } else {
        reporter.report(Kind.WARNING,
            noTimeout("@CircuitBreaker on " + method.label() + " has no @WithTimeout"),
            breaker.element(), breaker.mirror(), null);
      }
    }
    if (classSite != null) {
      reporter.report(Kind.WARNING, noTimeout("@CircuitBreaker on class " + type.label()
          + " reaches " + String.join(", ", fromClass) + " with no @WithTimeout"),
          classSite.element(), classSite.mirror(), null);
    }
  }

  private static String noTimeout(String subject) {
    return subject + ": a trial that never completes holds the breaker"
        + " half-open, and every other call is rejected meanwhile; add @WithTimeout to the"
        + " method or its class (e.g. @WithTimeout(value = 10, unit = ChronoUnit.SECONDS))";
  }

  private void error(Site site, Values values, String name, String message) {
    reporter.report(Kind.ERROR, message, site.element(), site.mirror(), values.raw(name));
  }
}
