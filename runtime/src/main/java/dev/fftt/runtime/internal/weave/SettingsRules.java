package dev.fftt.runtime.internal.weave;

import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.internal.util.Durations;
import java.lang.annotation.Annotation;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The build-time value rules (3, 4, 7, 8 and 9's class lists) checked on settings at run time:
 * on a method's settings merged with configuration overrides, where the processor never saw the
 * values. Each problem is one sentence naming the attribute(s), the value(s) and what is expected.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class SettingsRules {

  private SettingsRules() {}

  /** What is wrong with {@code settings}; empty when nothing is. */
  public static List<String> problems(MethodSettings settings) {
    List<String> problems = new ArrayList<>();
    try {
      if (settings.has(WithTimeout.class)) {
        long value = settings.longValue(WithTimeout.class, "value");
        if (value <= 0) {
          problems.add(at(WithTimeout.class, "value", value) + " must be greater than 0");
        }
        unit(settings, WithTimeout.class, "unit", problems);
      }
      if (settings.has(Retry.class)) {
        retry(settings, problems);
      }
      if (settings.has(CircuitBreaker.class)) {
        Class<? extends Annotation> a = CircuitBreaker.class;
        int volume = settings.intValue(a, "requestVolumeThreshold");
        if (volume < 1) {
          problems.add(at(a, "requestVolumeThreshold", volume) + " must be 1 or more");
        }
        double ratio = settings.doubleValue(a, "failureRatio");
        if (!(ratio >= 0 && ratio <= 1)) {
          problems.add(at(a, "failureRatio", ratio) + " must be within 0..1");
        }
        long delay = settings.longValue(a, "delay");
        if (delay < 0) {
          problems.add(at(a, "delay", delay) + " must be 0 or more");
        }
        unit(settings, a, "delayUnit", problems);
        int success = settings.intValue(a, "successThreshold");
        if (success < 1) {
          problems.add(at(a, "successThreshold", success) + " must be 1 or more");
        }
        disjoint(settings, a, "failOn", "skipOn", problems);
      }
      if (settings.has(Bulkhead.class)) {
        int value = settings.intValue(Bulkhead.class, "value");
        if (value < 1) {
          problems.add(at(Bulkhead.class, "value", value) + " must be 1 or more");
        }
        int queue = settings.intValue(Bulkhead.class, "waitingTaskQueue");
        if (queue < 0) {
          problems.add(at(Bulkhead.class, "waitingTaskQueue", queue) + " must be 0 or more");
        }
      }
      if (settings.has(Fallback.class)) {
        disjoint(settings, Fallback.class, "applyOn", "skipOn", problems);
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage()); // a value that does not read as its type
    }
    return problems;
  }

  private static void retry(MethodSettings s, List<String> problems) {
    Class<? extends Annotation> a = Retry.class;
    int maxRetries = s.intValue(a, "maxRetries");
    if (maxRetries < 0) {
      problems.add(at(a, "maxRetries", maxRetries) + " must be 0 or more");
    }
    long delay = s.longValue(a, "delay");
    if (delay < 0) {
      problems.add(at(a, "delay", delay) + " must be 0 or more");
    }
    double multiplier = s.doubleValue(a, "multiplier");
    if (!(multiplier >= 1)) {
      problems.add(at(a, "multiplier", multiplier) + " must be 1.0 or more");
    }
    double jitter = s.doubleValue(a, "jitter");
    if (!(jitter >= 0 && jitter <= 1)) {
      problems.add(at(a, "jitter", jitter) + " must be within 0..1");
    }
    long maxDelay = s.longValue(a, "maxDelay");
    if (maxDelay < 0 || maxDelay != 0 && maxDelay < delay) {
      problems.add(at(a, "maxDelay", maxDelay) + " must be 0 (no cap) or at least Retry/delay="
          + delay);
    }
    ChronoUnit delayUnit = s.enumValue(a, "delayUnit", ChronoUnit.class);
    ChronoUnit durationUnit = s.enumValue(a, "durationUnit", ChronoUnit.class);
    long maxDuration = s.longValue(a, "maxDuration");
    if (maxDuration < 0) {
      problems.add(at(a, "maxDuration", maxDuration) + " must be 0 or more");
    } else if (maxDuration != 0 && delay >= 0 && !longer(maxDuration, durationUnit, delay,
        delayUnit)) {
      problems.add(at(a, "maxDuration", maxDuration) + " " + durationUnit.name()
          + " must be 0 (no budget) or longer than Retry/delay=" + delay + " " + delayUnit.name());
    }
    disjoint(s, a, "retryOn", "abortOn", problems);
  }

  private static boolean longer(long amount, ChronoUnit unit, long than, ChronoUnit thanUnit) {
    try {
      return Durations.toNanos(amount, unit) > Durations.toNanos(than, thanUnit);
    } catch (ArithmeticException | IllegalArgumentException e) {
      return true; // beyond nanoseconds' range: longer than any delay we can express
    }
  }

  private static void unit(MethodSettings s, Class<? extends Annotation> a, String attribute,
      List<String> problems) {
    ChronoUnit unit = s.enumValue(a, attribute, ChronoUnit.class);
    if (unit.compareTo(ChronoUnit.DAYS) > 0) {
      problems.add(at(a, attribute, unit.name()) + " must be at most DAYS");
    }
  }

  private static void disjoint(MethodSettings s, Class<? extends Annotation> a, String one,
      String other, List<String> problems) {
    Set<String> both = new HashSet<>(s.classNames(a, one));
    both.retainAll(s.classNames(a, other));
    if (!both.isEmpty()) {
      problems.add(a.getSimpleName() + "/" + one + " and " + a.getSimpleName() + "/" + other
          + " both list " + String.join(", ", new java.util.TreeSet<>(both))
          + "; a class may be in one of them only");
    }
  }

  private static String at(Class<? extends Annotation> a, String attribute, Object value) {
    return a.getSimpleName() + "/" + attribute + "=" + value;
  }
}
