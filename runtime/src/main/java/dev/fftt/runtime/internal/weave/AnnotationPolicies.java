package dev.fftt.runtime.internal.weave;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.EffectivePolicy;
import dev.fftt.runtime.internal.guard.FallbackSpec;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Context;
import dev.fftt.runtime.internal.util.Durations;
import dev.fftt.runtime.internal.util.Log;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Builds a method's {@link GuardPolicy} from its {@link MethodSettings}: the one place where
 * annotation values become a policy, for woven methods (settings from the class file, through
 * the bootstrap) and for code that reads a {@link Method}'s annotations ({@link #resolve}).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class AnnotationPolicies {

  private AnnotationPolicies() {}

  /**
   * The policy of {@code method}, read reflectively, or {@code null} when no FFTT annotation
   * reaches it or it does not return a {@link CompletionStage}. The monitor is left out when
   * {@code monitorEnabled} is false.
   *
   * @throws IllegalArgumentException when an annotation value is out of range
   */
  public static GuardPolicy resolve(Method method, boolean monitorEnabled) {
    if (!CompletionStage.class.isAssignableFrom(method.getReturnType())
        || Modifier.isAbstract(method.getModifiers()) || Modifier.isNative(method.getModifiers())) {
      return null;
    }
    Class<?> declaring = method.getDeclaringClass();
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup());
      String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
          .toMethodDescriptorString();
      return policy(MethodSettings.of(method), declaring, method.getName(), descriptor,
          Modifier.isStatic(method.getModifiers()), lookup, monitorEnabled);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(e.toString(), e); // not expected: the classes are loaded
    }
  }

  /**
   * The policy {@code settings} give method {@code methodName}{@code descriptor} of
   * {@code declaring} (whose loader loads the exception classes named), or {@code null} when no
   * annotation applies. A {@code @Fallback} method is found through {@code lookup}, the class's
   * own (see {@link FallbackMethods}).
   *
   * @throws IllegalArgumentException when a value is out of range (the processor rejects such
   *     values at build time; this guards code compiled without it), or no fallback method fits
   * @throws ReflectiveOperationException when a class named cannot be loaded or a fallback method
   *     cannot be reached
   */
  public static GuardPolicy policy(MethodSettings settings, Class<?> declaring, String methodName,
      String descriptor, boolean isStatic, MethodHandles.Lookup lookup, boolean monitorEnabled)
      throws ReflectiveOperationException {
    if (settings.isEmpty()) {
      return null;
    }
    Overrides.Applied applied = withOverrides(settings, declaring, methodName);
    settings = applied.settings();
    if (settings.isEmpty()) {
      return null; // every annotation switched off
    }
    String monitorName = null;
    if (settings.has(AsyncMonitor.class)) {
      String value = settings.text(AsyncMonitor.class, "value");
      monitorName = value.isEmpty() ? defaultName(declaring, methodName) : value;
    }
    String operation = monitorName != null ? monitorName : defaultName(declaring, methodName);
    // the MDC of the application the class belongs to (its loader's SLF4J, which in an
    // executable Spring Boot jar or a server is not the one the runtime sees)
    GuardPolicy.Builder b = GuardPolicy.builder(operation).context(Context.of(declaring.getClassLoader()));
    if (monitorName != null && monitorEnabled) {
      b.monitor(monitorName);
    }
    if (settings.has(WithTimeout.class)) {
      long value = settings.longValue(WithTimeout.class, "value");
      ChronoUnit unit = settings.enumValue(WithTimeout.class, "unit", ChronoUnit.class);
      Checks.argument(value > 0, "@WithTimeout on %s: value must be greater than 0, was %s",
          operation, value);
      b.timeout(Durations.toNanos(value, unit), Durations.describe(value, unit),
          settings.booleanValue(WithTimeout.class, "cancel"));
    }
    if (settings.has(Retry.class)) {
      ChronoUnit delayUnit = settings.enumValue(Retry.class, "delayUnit", ChronoUnit.class);
      ChronoUnit durationUnit = settings.enumValue(Retry.class, "durationUnit", ChronoUnit.class);
      ClassLoader loader = declaring.getClassLoader();
      b.retry(new RetrySpec(
          settings.intValue(Retry.class, "maxRetries"),
          Durations.toNanos(settings.longValue(Retry.class, "delay"), delayUnit),
          settings.doubleValue(Retry.class, "multiplier"),
          Durations.toNanos(settings.longValue(Retry.class, "maxDelay"), delayUnit),
          settings.doubleValue(Retry.class, "jitter"),
          Durations.toNanos(settings.longValue(Retry.class, "maxDuration"), durationUnit),
          classes(settings.classNames(Retry.class, "retryOn"), loader),
          classes(settings.classNames(Retry.class, "abortOn"), loader)));
    }
    if (settings.has(LoopCompatible.class)) {
      b.loopCompatible(true).runOn(settings.text(LoopCompatible.class, "runOn"));
    }
    ClassLoader loader = declaring.getClassLoader();
    if (settings.has(CircuitBreaker.class)) {
      ChronoUnit delayUnit = settings.enumValue(CircuitBreaker.class, "delayUnit", ChronoUnit.class);
      long delay = settings.longValue(CircuitBreaker.class, "delay");
      Checks.argument(delay >= 0, "@CircuitBreaker on %s: delay must be 0 or more, was %s",
          operation, delay);
      b.circuitBreaker(
          settings.intValue(CircuitBreaker.class, "requestVolumeThreshold"),
          settings.doubleValue(CircuitBreaker.class, "failureRatio"),
          Durations.toNanos(delay, delayUnit),
          settings.intValue(CircuitBreaker.class, "successThreshold"),
          classes(settings.classNames(CircuitBreaker.class, "failOn"), loader),
          classes(settings.classNames(CircuitBreaker.class, "skipOn"), loader));
    }
    if (settings.has(Bulkhead.class)) {
      b.bulkhead(settings.intValue(Bulkhead.class, "value"),
          settings.intValue(Bulkhead.class, "waitingTaskQueue"));
    }
    if (settings.has(Fallback.class)) {
      String fallbackName = settings.text(Fallback.class, "fallbackMethod");
      FallbackSpec.Handler handler = FallbackMethods.handler(lookup, declaring, methodName,
          descriptor, isStatic, fallbackName);
      b.fallback(new FallbackSpec(handler.toString(),
          classes(settings.classNames(Fallback.class, "applyOn"), loader),
          classes(settings.classNames(Fallback.class, "skipOn"), loader), handler));
    }
    GuardPolicy policy = b.build();
    EffectivePolicies.record(new EffectivePolicy(operation, applied.sources()));
    return policy;
  }

  /**
   * {@code code} with the configuration overrides that reach the method merged in. When the merged
   * values break a build rule the code's own do not (or an override does not parse), the
   * overrides for this method are ignored with one warning: the class loaded after the start-up
   * checks, so stopping the JVM is no longer an option.
   */
  private static Overrides.Applied withOverrides(MethodSettings code, Class<?> declaring,
      String methodName) {
    Overrides.Applied applied = Overrides.current().apply(code, declaring.getName(), methodName);
    List<String> problems = new ArrayList<>(applied.problems());
    if (!applied.applied().isEmpty()) {
      List<String> broken = SettingsRules.problems(applied.settings());
      broken.removeAll(SettingsRules.problems(code));
      problems.addAll(broken);
    }
    String label = defaultName(declaring, methodName);
    if (!problems.isEmpty()) {
      Log.warn("FFTT config: the overrides for " + declaring.getName() + "." + methodName
          + " are ignored, the code's values apply: " + String.join("; ", problems));
      applied = Overrides.none().apply(code, null, null);
    } else if (!applied.applied().isEmpty() && WovenSettings.logLevel() >= WovenSettings.INFO) {
      Log.info("FFTT agent: " + label + ": override(s) applied: "
          + String.join(", ", applied.applied()));
    }
    return applied;
  }

  /** {@code SimpleName.method}, a nested class by its own simple name. */
  public static String defaultName(Class<?> declaringClass, String method) {
    String simple = declaringClass.getSimpleName();
    if (simple.isEmpty()) { // anonymous or hidden: the binary name's last part
      String name = declaringClass.getName();
      simple = name.substring(name.lastIndexOf('.') + 1);
    }
    return simple + "." + method;
  }

  private static List<Class<?>> classes(List<String> names, ClassLoader loader)
      throws ClassNotFoundException {
    List<Class<?>> list = new ArrayList<>(names.size());
    for (String name : names) {
      list.add(Class.forName(name, false, loader));
    }
    return list;
  }
}
