package dev.fftt.jfr;

import dev.fftt.jfr.internal.JfrListener;
import dev.fftt.runtime.spi.FfttExporter;

/**
 * The FFTT exporter that writes Java Flight Recorder events ({@link JfrEventNames}). The runtime
 * finds it through {@link java.util.ServiceLoader} and starts it by itself when this module is on
 * the class path, unless the agent option {@code jfr=off} turns it off; there is nothing to call.
 *
 * <p>It starts no recording: events are written only while one records them
 * ({@code -XX:StartFlightRecording}, {@code jcmd <pid> JFR.start}, JDK Mission Control or a
 * {@code jdk.jfr.Recording}). Until the JVM's Flight Recorder is first used, it touches no event
 * class, so a JVM that never records never initializes JFR because of it. Thread-safe.
 */
public final class JfrExporter implements FfttExporter {

  /** For {@link java.util.ServiceLoader}. */
  public JfrExporter() {}

  /** {@value FfttExporter#JFR}. */
  @Override
  public String name() {
    return JFR;
  }

  /**
   * Starts listening (once: later calls only return {@code true}); returns {@code false}
   * when this JVM has no usable Flight Recorder (its {@code jdk.jfr} module left out, or JFR
   * unavailable), and then nothing was started.
   */
  @Override
  public boolean start() {
    // JfrListener refers to jdk.jfr; this class does not, so a JVM without that module fails
    // here with a LinkageError (which the runtime counts as absent), not while loading services.
    try {
      return JfrListener.install();
    } catch (LinkageError e) {
      return false;
    }
  }
}
