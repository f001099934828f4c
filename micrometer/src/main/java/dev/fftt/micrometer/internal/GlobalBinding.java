package dev.fftt.micrometer.internal;

import dev.fftt.micrometer.FfttMetrics;
import io.micrometer.core.instrument.Metrics;

/**
 * The one {@code FfttMetrics} bound to {@code Metrics.globalRegistry} by the exporter; kept for
 * the life of the JVM (the runtime starts an exporter once).
 *
 * <p>Internal; not API, may change without notice.
 */
final class GlobalBinding {

  private static final FfttMetrics METRICS = new FfttMetrics();

  private GlobalBinding() {}

  static void bind() {
    METRICS.bindTo(Metrics.globalRegistry); // binding the same registry twice does nothing
  }
}
