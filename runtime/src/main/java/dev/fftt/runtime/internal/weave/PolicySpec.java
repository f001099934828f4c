package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Durations;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one method's policy row from the constants the processor generates, and builds the
 * {@link GuardPolicy} (the same one {@link AnnotationPolicies} builds from the annotations).
 *
 * <p>Format 1: for a class {@code p.Outer$Inner} with woven methods the processor generates
 * {@code p.Outer$Inner$$FfttPolicy} with {@code public static final int FORMAT = 1} and
 * {@code public static final String[][] METHODS}, one row per woven method, each entry
 * {@code key=value}:
 * <ul>
 *   <li>{@code method}, {@code descriptor} (the JVM descriptor) — always;
 *   <li>{@code monitor} — the resolved operation name, when monitored;
 *   <li>{@code timeout.value}, {@code timeout.unit} (a {@link ChronoUnit} name), {@code timeout.cancel};
 *   <li>{@code retry.maxRetries}, {@code retry.delay}, {@code retry.delayUnit}, {@code retry.multiplier},
 *       {@code retry.maxDelay}, {@code retry.jitter}, {@code retry.maxDuration}, {@code retry.durationUnit},
 *       {@code retry.retryOn}, {@code retry.abortOn} (comma-separated binary class names);
 *   <li>{@code loop=true}, and {@code loop.runOn} when a loop is named.
 * </ul>
 *
 * <p>Internal; not API, may change without notice.
 */
public final class PolicySpec {

  /** The format this class reads. */
  public static final int FORMAT = 1;

  private final Map<String, String> entries;

  private PolicySpec(Map<String, String> entries) {
    this.entries = entries;
  }

  /**
   * Parses one row.
   *
   * @throws IllegalArgumentException when an entry is not {@code key=value} or method/descriptor is missing
   */
  public static PolicySpec parse(String[] row) {
    Map<String, String> entries = new HashMap<>();
    for (String entry : row) {
      int eq = entry.indexOf('=');
      Checks.argument(eq > 0, "policy entry '%s' is not key=value", entry);
      entries.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    Checks.argument(entries.containsKey("method") && entries.containsKey("descriptor"),
        "policy row %s lacks method or descriptor", String.join(", ", row));
    return new PolicySpec(entries);
  }

  /** The method's simple name. */
  public String method() {
    return entries.get("method");
  }

  /** The method's JVM descriptor. */
  public String descriptor() {
    return entries.get("descriptor");
  }

  /**
   * The policy of this row for a method of {@code declaringClass} (whose loader resolves the
   * retryOn/abortOn classes); the monitor is dropped when {@code monitorEnabled} is false.
   *
   * @throws IllegalArgumentException when a value cannot be read
   * @throws ClassNotFoundException when a retryOn/abortOn class cannot be loaded
   */
  public GuardPolicy toPolicy(Class<?> declaringClass, boolean monitorEnabled)
      throws ClassNotFoundException {
    String monitor = entries.get("monitor");
    String operation = monitor != null ? monitor
        : AnnotationPolicies.defaultName(declaringClass, method());
    GuardPolicy.Builder b = GuardPolicy.builder(operation);
    if (monitor != null && monitorEnabled) {
      b.monitor(monitor);
    }
    if (entries.containsKey("timeout.value")) {
      long value = Long.parseLong(entries.get("timeout.value"));
      ChronoUnit unit = ChronoUnit.valueOf(entries.get("timeout.unit"));
      b.timeout(Durations.toNanos(value, unit), Durations.describe(value, unit),
          Boolean.parseBoolean(entries.get("timeout.cancel")));
    }
    if (entries.containsKey("retry.maxRetries")) {
      ChronoUnit delayUnit = ChronoUnit.valueOf(entries.get("retry.delayUnit"));
      ChronoUnit durationUnit = ChronoUnit.valueOf(entries.get("retry.durationUnit"));
      ClassLoader loader = declaringClass.getClassLoader();
      b.retry(new RetrySpec(
          Integer.parseInt(entries.get("retry.maxRetries")),
          Durations.toNanos(Long.parseLong(entries.get("retry.delay")), delayUnit),
          Double.parseDouble(entries.get("retry.multiplier")),
          Durations.toNanos(Long.parseLong(entries.get("retry.maxDelay")), delayUnit),
          Double.parseDouble(entries.get("retry.jitter")),
          Durations.toNanos(Long.parseLong(entries.get("retry.maxDuration")), durationUnit),
          classes(entries.get("retry.retryOn"), loader),
          classes(entries.get("retry.abortOn"), loader)));
    }
    if ("true".equals(entries.get("loop"))) {
      b.loopCompatible(true).runOn(entries.get("loop.runOn"));
    }
    return b.build();
  }

  private static List<Class<?>> classes(String names, ClassLoader loader)
      throws ClassNotFoundException {
    List<Class<?>> list = new ArrayList<>();
    if (names == null || names.isEmpty()) {
      return list;
    }
    for (String name : names.split(",")) {
      list.add(Class.forName(name.trim(), false, loader));
    }
    return list;
  }
}
