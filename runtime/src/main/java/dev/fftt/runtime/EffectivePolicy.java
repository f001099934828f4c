package dev.fftt.runtime;

import java.util.Map;

/**
 * The settings in force for one woven operation: the code's annotation values merged with the
 * configuration overrides, each with where it came from. Made by
 * {@link Diagnostics#effectivePolicy(String)}.
 *
 * @param operation the operation's name
 * @param settings every attribute of every annotation in force, keyed {@code Annotation/attribute}
 *     (e.g. {@code Retry/maxRetries}), sorted by key; an annotation switched off by
 *     {@code enabled=false} appears only as its {@code Annotation/enabled} entry
 */
public record EffectivePolicy(String operation, Map<String, Setting> settings) {

  /**
   * One value and its source: {@code annotation} (the code, or the annotation's default),
   * {@code system property <key>}, {@code environment <NAME>} or {@code file <path>}.
   */
  public record Setting(String value, String source) {}

  /** Copies {@code settings}. */
  public EffectivePolicy {
    settings = Map.copyOf(settings);
  }
}
