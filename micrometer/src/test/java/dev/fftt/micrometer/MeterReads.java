package dev.fftt.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads a registry in the shapes the tests compare: exact names with tags, and single values. */
final class MeterReads {

  private MeterReads() {}

  /**
   * Every meter with tag {@code key=value}, each as {@code name{k=v,...}} (tags sorted by key,
   * as Micrometer keeps them), sorted.
   */
  static List<String> idsTagged(MeterRegistry registry, String key, String value) {
    return registry.getMeters().stream()
        .filter(m -> value.equals(m.getId().getTag(key)))
        .map(MeterReads::id)
        .collect(Collectors.toCollection(TreeSet::new))
        .stream().toList();
  }

  static String id(Meter m) {
    return m.getId().getName() + m.getId().getTags().stream()
        .map(t -> t.getKey() + "=" + t.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The count of the timer {@code fftt.calls} of {@code operation} with those tags (0 when absent). */
  static long calls(MeterRegistry registry, String operation, String outcome, String fallback) {
    var timer = registry.find(FfttMeterNames.CALLS).tag("operation", operation)
        .tag("outcome", outcome).tag("fallback", fallback).timer();
    return timer == null ? 0 : timer.count();
  }

  /** The sum over both fallback tags of {@code fftt.calls} of {@code operation} with {@code outcome}. */
  static long calls(MeterRegistry registry, String operation, String outcome) {
    return calls(registry, operation, outcome, "none") + calls(registry, operation, outcome, "applied");
  }

  static double counter(MeterRegistry registry, String name, Tag... tags) {
    var search = registry.find(name).tags(List.of(tags));
    var counter = search.counter();
    if (counter != null) {
      return counter.count();
    }
    return search.functionCounter().count();
  }

  static double gauge(MeterRegistry registry, String name, Tag... tags) {
    return registry.find(name).tags(List.of(tags)).gauge().value();
  }
}
