package dev.fftt.runtime.spi;

/**
 * An exporter module, found by the runtime through {@link java.util.ServiceLoader} (in the class
 * loaders that load woven classes, and the system class loader) when the first operation is
 * monitored. It is started once, unless its agent option ({@link #name()}{@code =off}) turns it off.
 */
public interface FfttExporter {

  // Compile-time constants: the agent's option parser uses them (javac copies them there, so it
  // loads no runtime class) and each exporter module returns one from name().

  /** The Micrometer exporter's name and agent option. */
  String MICROMETER = "micrometer";
  /** The JFR exporter's name and agent option. */
  String JFR = "jfr";
  /** The OpenTelemetry exporter's name and agent option. */
  String OTEL = "otel";

  /** The agent option that switches it: {@code micrometer}, {@code jfr} or {@code otel}. */
  String name();

  /**
   * Starts exporting, typically by {@linkplain FfttListeners#register registering} a listener.
   * Returns {@code false} when the library it exports to is absent (nothing started); a
   * {@link LinkageError} or exception counts as absent too, and is logged at debug.
   */
  boolean start();
}
