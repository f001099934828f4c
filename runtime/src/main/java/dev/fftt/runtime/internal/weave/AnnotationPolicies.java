package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Durations;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Builds a method's {@link GuardPolicy} from its FFTT annotations, read reflectively: a
 * method-level annotation overrides the type-level one of the same kind, and the kinds combine.
 * Annotations are matched by their type's name and their values read through their methods, so a
 * runtime loaded by another class loader than the application's annotations still reads them.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class AnnotationPolicies {

  private static final String PACKAGE = "dev.fftt.annotations.";
  static final String WITH_TIMEOUT = PACKAGE + "WithTimeout";
  static final String RETRY = PACKAGE + "Retry";
  static final String ASYNC_MONITOR = PACKAGE + "AsyncMonitor";
  static final String LOOP_COMPATIBLE = PACKAGE + "LoopCompatible";

  private AnnotationPolicies() {}

  /**
   * The policy of {@code method}, or {@code null} when none of the four annotations reaches it
   * or it does not return a {@link CompletionStage}. The monitor is left out when
   * {@code monitorEnabled} is false.
   *
   * @throws IllegalArgumentException when an annotation value is out of range (the processor
   *     rejects such values at build time; this guards code compiled without it)
   */
  public static GuardPolicy resolve(Method method, boolean monitorEnabled) {
    if (!CompletionStage.class.isAssignableFrom(method.getReturnType())
        || Modifier.isAbstract(method.getModifiers()) || Modifier.isNative(method.getModifiers())) {
      return null;
    }
    Annotation timeout = find(method, WITH_TIMEOUT);
    Annotation retry = find(method, RETRY);
    Annotation monitor = find(method, ASYNC_MONITOR);
    Annotation loop = find(method, LOOP_COMPATIBLE);
    if (timeout == null && retry == null && monitor == null && loop == null) {
      return null;
    }
    String monitorName = null;
    if (monitor != null) {
      String value = (String) value(monitor, "value");
      monitorName = value.isEmpty() ? defaultName(method.getDeclaringClass(), method.getName()) : value;
    }
    String operation = monitorName != null ? monitorName
        : defaultName(method.getDeclaringClass(), method.getName());
    GuardPolicy.Builder b = GuardPolicy.builder(operation);
    if (monitorName != null && monitorEnabled) {
      b.monitor(monitorName);
    }
    if (timeout != null) {
      long value = (Long) value(timeout, "value");
      ChronoUnit unit = (ChronoUnit) value(timeout, "unit");
      Checks.argument(value > 0, "@WithTimeout on %s: value must be greater than 0, was %s",
          operation, value);
      b.timeout(Durations.toNanos(value, unit), Durations.describe(value, unit),
          (Boolean) value(timeout, "cancel"));
    }
    if (retry != null) {
      ChronoUnit delayUnit = (ChronoUnit) value(retry, "delayUnit");
      ChronoUnit durationUnit = (ChronoUnit) value(retry, "durationUnit");
      b.retry(new RetrySpec(
          (Integer) value(retry, "maxRetries"),
          Durations.toNanos((Long) value(retry, "delay"), delayUnit),
          (Double) value(retry, "multiplier"),
          Durations.toNanos((Long) value(retry, "maxDelay"), delayUnit),
          (Double) value(retry, "jitter"),
          Durations.toNanos((Long) value(retry, "maxDuration"), durationUnit),
          List.of((Class<?>[]) value(retry, "retryOn")),
          List.of((Class<?>[]) value(retry, "abortOn"))));
    }
    if (loop != null) {
      b.loopCompatible(true).runOn((String) value(loop, "runOn"));
    }
    return b.build();
  }

  /** Whether any of the four annotations is on {@code method} or its declaring type. */
  public static boolean annotated(Method method) {
    for (String name : Arrays.asList(WITH_TIMEOUT, RETRY, ASYNC_MONITOR, LOOP_COMPATIBLE)) {
      if (find(method, name) != null) {
        return true;
      }
    }
    return false;
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

  private static Annotation find(Method method, String typeName) {
    Annotation onMethod = byName(method.getDeclaredAnnotations(), typeName);
    return onMethod != null ? onMethod
        : byName(method.getDeclaringClass().getDeclaredAnnotations(), typeName);
  }

  private static Annotation byName(Annotation[] annotations, String typeName) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(typeName)) {
        return a;
      }
    }
    return null;
  }

  private static Object value(Annotation a, String attribute) {
    try {
      Method m = a.annotationType().getMethod(attribute);
      return m.invoke(a);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + a.annotationType().getSimpleName()
          + "." + attribute + ": " + e, e);
    }
  }
}
