package dev.fftt.otel;

import dev.fftt.otel.internal.Tracing;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Chooses the {@link OpenTelemetry} instance that FFTT's spans go to.
 *
 * <p>Without {@link #install}, the spans go to {@link GlobalOpenTelemetry} once it is set: it is
 * looked up when a monitored call first needs it, never when the exporter starts, and never in a
 * way that would set it (so the application, or the OpenTelemetry Java agent, may set it later;
 * while it is unset no span is made, and it is asked again at most every 50 ms).
 * Thread-safe.
 */
public final class FfttOpenTelemetry {

  private FfttOpenTelemetry() {}

  /**
   * Sends the spans of calls that start from now on to {@code openTelemetry} (its
   * {@code TracerProvider}), instead of {@link GlobalOpenTelemetry}; a later call replaces it.
   * Calls in flight end their spans where they started them. The exporter itself starts by itself
   * (agent option {@code otel=auto}, the default); with {@code otel=off} nothing is exported.
   *
   * @throws NullPointerException when {@code openTelemetry} is null
   */
  public static void install(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      throw new NullPointerException("openTelemetry must not be null: pass the application's"
          + " OpenTelemetry (e.g. OpenTelemetrySdk.builder()...build())");
    }
    Tracing.install(openTelemetry);
  }
}
