package dev.fftt.otel.internal;

import dev.fftt.runtime.spi.ContextCarriers;
import dev.fftt.runtime.spi.FfttExporter;
import dev.fftt.runtime.spi.FfttListeners;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.context.Context;

/**
 * The exporter the runtime finds through {@code ServiceLoader} (agent option {@code otel}): starts
 * the spans and the context carrier when {@code opentelemetry-api} (1.57 or later) is present.
 * Looks nothing up in {@link GlobalOpenTelemetry} here: that waits for the first span.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class OtelExporter implements FfttExporter {

  private static final System.Logger LOG = System.getLogger("dev.fftt.otel");

  @Override
  public String name() {
    return OTEL;
  }

  @Override
  public boolean start() {
    // Both throw a LinkageError when the API is absent: the runtime then counts us absent.
    Context.root();
    try {
      GlobalOpenTelemetry.class.getMethod("isSet");
    } catch (NoSuchMethodException tooOld) {
      LOG.log(System.Logger.Level.WARNING, "FFTT: opentelemetry-api on the class path is older"
          + " than 1.57 (no GlobalOpenTelemetry.isSet()); no spans are made. Use"
          + " opentelemetry-api 1.57 or later.");
      return false;
    }
    ContextCarriers.register(new OtelContextCarrier());
    FfttListeners.register(new SpanListener());
    return true;
  }
}
