package dev.fftt.processor.internal;

import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Rule 4, the values of {@code @Retry} (checked where it is written), and the warning for a
 * {@code maxDuration} shorter than the {@code @WithTimeout} limit of a method both reach.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class RetryChecker implements Checker {

  private final Elements elements;
  private final Reporter reporter;

  /** Reads values with {@code elements} and reports through {@code reporter}. */
  public RetryChecker(Elements elements, Reporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  @Override
  public void check(TypeModel type) {
    for (Site site : type.written(AnnotationKind.RETRY)) {
      Values values = new Values(elements, site.mirror());
      checkCounts(site, values);
      checkDelays(site, values);
      checkExceptions(site, values);
    }
    checkAgainstTimeouts(type);
  }

  private void checkCounts(Site site, Values values) {
    OptionalLong maxRetries = known(values.asLong("maxRetries"));
    if (maxRetries.isPresent() && maxRetries.getAsLong() < 0) {
      error(site, values, "maxRetries", String.format(
          "@Retry maxRetries must be 0 or more, but is %d; give how many times a failed call is"
              + " invoked again (0 for none)", maxRetries.getAsLong()));
    }
    OptionalDouble multiplier = known(values.asDouble("multiplier"));
    if (multiplier.isPresent() && !(multiplier.getAsDouble() >= 1.0)) {
      error(site, values, "multiplier", String.format(
          "@Retry multiplier must be 1.0 or more, but is %s; use 1.0 for equal pauses or a"
              + " larger factor (e.g. 2.0) for growing ones", multiplier.getAsDouble()));
    }
    OptionalDouble jitter = known(values.asDouble("jitter"));
    if (jitter.isPresent() && !(jitter.getAsDouble() >= 0.0 && jitter.getAsDouble() <= 1.0)) {
      error(site, values, "jitter", String.format(
          "@Retry jitter must be between 0 and 1 (a fraction of each pause), but is %s; e.g."
              + " 0.2 spreads each pause by ± 20%%, 0.0 keeps it exact", jitter.getAsDouble()));
    }
  }

  private void checkDelays(Site site, Values values) {
    OptionalLong delay = known(values.asLong("delay"));
    if (delay.isPresent() && delay.getAsLong() < 0) {
      error(site, values, "delay", String.format(
          "@Retry delay must be 0 or more, but is %d; give the pause before the first retry"
              + " (0 to retry at once)", delay.getAsLong()));
    }
    long validDelay = delay.isPresent() && delay.getAsLong() >= 0 ? delay.getAsLong() : 0;
    Optional<ChronoUnit> delayUnit = known(values.asUnit("delayUnit"));
    OptionalLong maxDelay = known(values.asLong("maxDelay"));
    if (maxDelay.isPresent() && maxDelay.getAsLong() != 0 && maxDelay.getAsLong() < validDelay) {
      error(site, values, "maxDelay", String.format(
          "@Retry maxDelay (%d) is set below delay (%d), so the cap would cut even the first"
              + " pause; set maxDelay to at least %d, or to 0 for no cap",
          maxDelay.getAsLong(), validDelay, validDelay));
    } else if (maxDelay.isPresent() && maxDelay.getAsLong() < 0) {
      error(site, values, "maxDelay", String.format(
          "@Retry maxDelay must be 0 (no cap) or at least delay, but is %d; set it to 0 for no"
              + " cap", maxDelay.getAsLong()));
    }
    OptionalLong maxDuration = known(values.asLong("maxDuration"));
    Optional<ChronoUnit> durationUnit = known(values.asUnit("durationUnit"));
    if (maxDuration.isPresent() && maxDuration.getAsLong() != 0 && delayUnit.isPresent()
        && durationUnit.isPresent()
        && Durations.nanos(maxDuration.getAsLong(), durationUnit.get())
            .compareTo(Durations.nanos(validDelay, delayUnit.get())) <= 0) {
      error(site, values, "maxDuration", String.format(
          "@Retry maxDuration (%s) is set but not longer than delay (%s), so no retry could"
              + " start within the budget; make maxDuration longer than delay, or 0 for no"
              + " budget",
          Durations.describe(maxDuration.getAsLong(), durationUnit.get()),
          Durations.describe(validDelay, delayUnit.get())));
    }
  }

  private void checkExceptions(Site site, Values values) {
    Optional<List<Values.ClassValue>> retryOn = known(values.asClasses("retryOn"));
    Optional<List<Values.ClassValue>> abortOn = known(values.asClasses("abortOn"));
    if (retryOn.isEmpty() || abortOn.isEmpty()) {
      return;
    }
    Set<String> retried = new HashSet<>();
    retryOn.get().forEach(c -> retried.add(c.type().getQualifiedName().toString()));
    for (Values.ClassValue aborted : abortOn.get()) {
      TypeElement type = aborted.type();
      if (retried.contains(type.getQualifiedName().toString())) {
        reporter.report(Kind.ERROR, String.format(
            "@Retry lists %s in both retryOn and abortOn, so it is never retried (abortOn wins);"
                + " remove it from one of them",
            type.getSimpleName()),
            site.element(), site.mirror(), aborted.value());
      }
    }
  }

  private void checkAgainstTimeouts(TypeModel type) {
    boolean classPairReported = false;
    for (MethodModel method : type.methods()) {
      Site retry = method.reaching().get(AnnotationKind.RETRY);
      Site timeout = method.reaching().get(AnnotationKind.TIMEOUT);
      if (!method.woven() || retry == null || timeout == null) {
        continue;
      }
      Values retryValues = new Values(elements, retry.mirror());
      Values timeoutValues = new Values(elements, timeout.mirror());
      OptionalLong maxDuration = retryValues.asLong("maxDuration");
      Optional<ChronoUnit> durationUnit = retryValues.asUnit("durationUnit");
      OptionalLong limit = timeoutValues.asLong("value");
      Optional<ChronoUnit> limitUnit = timeoutValues.asUnit("unit");
      if (maxDuration.isEmpty() || durationUnit.isEmpty() || limit.isEmpty()
          || limitUnit.isEmpty() || maxDuration.getAsLong() <= 0 || limit.getAsLong() <= 0
          || Durations.nanos(maxDuration.getAsLong(), durationUnit.get())
              .compareTo(Durations.nanos(limit.getAsLong(), limitUnit.get())) >= 0) {
        continue;
      }
      String limits = String.format("@Retry maxDuration (%s) is shorter than the @WithTimeout"
          + " limit (%s)", Durations.describe(maxDuration.getAsLong(), durationUnit.get()),
          Durations.describe(limit.getAsLong(), limitUnit.get()));
      if (!retry.classLevel()) {
        warn(method.element(), retry, retryValues.raw("maxDuration"),
            timeoutMessage(limits, method.label()));
      } else if (!timeout.classLevel()) {
        warn(method.element(), timeout, timeoutValues.raw("value"),
            timeoutMessage(limits, method.label()));
      } else if (!classPairReported) {
        classPairReported = true;
        warn(type.element(), retry, retryValues.raw("maxDuration"),
            timeoutMessage(limits, "the methods of " + type.label()));
      }
    }
  }

  private static String timeoutMessage(String limits, String target) {
    return limits + " of " + target + ": an attempt that times out has already used up the"
        + " retry budget, so a timeout is never retried; make maxDuration longer than the"
        + " timeout (room for each attempt and pause), or shorten the timeout";
  }

  private void warn(Element element, Site site, AnnotationValue value, String message) {
    reporter.report(Kind.WARNING, message, element, site.mirror(), value);
  }

  private void error(Site site, Values values, String name, String message) {
    reporter.report(Kind.ERROR, message, site.element(), site.mirror(), values.raw(name));
  }

  private OptionalLong known(OptionalLong value) {
    if (value.isEmpty()) {
      reporter.cannotJudge();
    }
    return value;
  }

  private OptionalDouble known(OptionalDouble value) {
    if (value.isEmpty()) {
      reporter.cannotJudge();
    }
    return value;
  }

  private <T> Optional<T> known(Optional<T> value) {
    if (value.isEmpty()) {
      reporter.cannotJudge();
    }
    return value;
  }
}
