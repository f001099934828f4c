/**
 * The exporter behind {@link dev.fftt.otel.FfttOpenTelemetry}: found by the runtime through
 * {@code ServiceLoader} ({@code OtelExporter}), it registers a listener that makes one span per
 * monitored call ({@code SpanListener}, {@code CallSpans}, names in {@code SpanNames}) and a
 * context carrier for the caller's OpenTelemetry context ({@code OtelContextCarrier}); which
 * {@code Tracer} the spans come from is {@code Tracing}'s business.
 *
 * <p>Depends on the runtime's {@code dev.fftt.runtime.spi} package and on {@code opentelemetry-api}.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.otel.internal;
