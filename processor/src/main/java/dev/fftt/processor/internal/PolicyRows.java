package dev.fftt.processor.internal;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The rows of a generated policy class: one per woven method, each a list of {@code key=value}
 * entries in the fixed order the runtime's parser reads ({@code method}, {@code descriptor},
 * {@code monitor}, {@code timeout.*}, {@code retry.*}, {@code loop}, {@code loop.runOn}), with the
 * annotations that reach the method resolved (method-level over class-level, kinds combined).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class PolicyRows {

  private final Elements elements;
  private final Descriptors descriptors;

  /** Reads annotation values with {@code elements} and erases types with {@code types}. */
  public PolicyRows(Elements elements, Types types) {
    this.elements = elements;
    this.descriptors = new Descriptors(elements, types);
  }

  /**
   * The rows of {@code type}'s woven methods, in source order; empty when something they need is
   * unresolved.
   */
  public Optional<List<List<String>>> of(TypeModel type) {
    List<List<String>> rows = new ArrayList<>();
    for (MethodModel method : type.methods()) {
      if (method.woven()) {
        Optional<List<String>> row = row(type, method);
        if (row.isEmpty()) {
          return Optional.empty();
        }
        rows.add(row.get());
      }
    }
    return Optional.of(rows);
  }

  private Optional<List<String>> row(TypeModel type, MethodModel method) {
    Optional<String> descriptor = descriptors.of(method.element());
    if (descriptor.isEmpty()) {
      return Optional.empty();
    }
    Row row = new Row();
    row.put("method", method.name());
    row.put("descriptor", descriptor.get());
    Site monitor = method.reaching().get(AnnotationKind.MONITOR);
    if (monitor != null) {
      Optional<String> name = values(monitor).asString("value");
      row.put("monitor", name.map(n -> n.isEmpty() ? type.label() + "." + method.name() : n));
    }
    Site timeout = method.reaching().get(AnnotationKind.TIMEOUT);
    if (timeout != null) {
      Values v = values(timeout);
      row.put("timeout.value", v.asLong("value"));
      row.put("timeout.unit", v.asUnit("unit").map(ChronoUnit::name));
      row.put("timeout.cancel", v.asBoolean("cancel").map(String::valueOf));
    }
    Site retry = method.reaching().get(AnnotationKind.RETRY);
    if (retry != null) {
      Values v = values(retry);
      row.put("retry.maxRetries", v.asLong("maxRetries"));
      row.put("retry.delay", v.asLong("delay"));
      row.put("retry.delayUnit", v.asUnit("delayUnit").map(ChronoUnit::name));
      row.put("retry.multiplier", v.asDouble("multiplier"));
      row.put("retry.maxDelay", v.asLong("maxDelay"));
      row.put("retry.jitter", v.asDouble("jitter"));
      row.put("retry.maxDuration", v.asLong("maxDuration"));
      row.put("retry.durationUnit", v.asUnit("durationUnit").map(ChronoUnit::name));
      row.put("retry.retryOn", classes(v, "retryOn"));
      row.put("retry.abortOn", classes(v, "abortOn"));
    }
    Site loop = method.reaching().get(AnnotationKind.LOOP);
    if (loop != null) {
      row.put("loop", "true");
      Optional<String> runOn = values(loop).asString("runOn");
      if (runOn.isEmpty()) {
        row.missing = true;
      } else if (!runOn.get().isEmpty()) {
        row.put("loop.runOn", runOn.get());
      }
    }
    return row.missing ? Optional.empty() : Optional.of(row.entries);
  }

  private Values values(Site site) {
    return new Values(elements, site.mirror());
  }

  private Optional<String> classes(Values values, String name) {
    return values.asClasses(name).map(list -> list.stream()
        .map(c -> elements.getBinaryName(c.type()).toString())
        .collect(Collectors.joining(",")));
  }

  /** Entries being collected; {@code missing} once any value was unresolved. */
  private static final class Row {
    final List<String> entries = new ArrayList<>();
    boolean missing;

    void put(String key, String value) {
      entries.add(key + "=" + value);
    }

    void put(String key, Optional<String> value) {
      value.ifPresentOrElse(v -> put(key, v), () -> missing = true);
    }

    void put(String key, OptionalLong value) {
      value.ifPresentOrElse(v -> put(key, Long.toString(v)), () -> missing = true);
    }

    void put(String key, OptionalDouble value) {
      value.ifPresentOrElse(v -> put(key, Double.toString(v)), () -> missing = true);
    }
  }
}
