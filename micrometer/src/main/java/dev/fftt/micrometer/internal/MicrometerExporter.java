package dev.fftt.micrometer.internal;

import dev.fftt.runtime.spi.FfttExporter;

/**
 * The exporter the runtime finds through {@code ServiceLoader}: unless the agent's option
 * {@code micrometer=off} turns it off, it binds {@code FfttMetrics} to Micrometer's
 * {@code Metrics.globalRegistry}. Loadable without Micrometer: only {@link GlobalBinding}, called
 * once Micrometer is known to be there, touches Micrometer's classes.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class MicrometerExporter implements FfttExporter {

  static final String MICROMETER_CLASS = "io.micrometer.core.instrument.Metrics";

  @Override
  public String name() {
    return FfttExporter.MICROMETER;
  }

  /** Binds {@code Metrics.globalRegistry}; {@code false} when Micrometer is not on our class path. */
  @Override
  public boolean start() {
    try {
      Class.forName(MICROMETER_CLASS, false, MicrometerExporter.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    try {
      GlobalBinding.bind();
      return true;
    } catch (LinkageError e) {
      return false; // a Micrometer too old or incomplete: as if absent
    }
  }
}
