/**
 * FFTT Async's OpenTelemetry exporter: one span per call of each monitored operation, and the
 * caller's OpenTelemetry context carried wherever the runtime carries the caller's MDC. It starts
 * by itself when this module and {@code opentelemetry-api} are on the class path (agent option
 * {@code otel=off} turns it off); {@link dev.fftt.otel.FfttOpenTelemetry#install} chooses the
 * {@code OpenTelemetry} instance, else {@code GlobalOpenTelemetry} is used once it is set.
 */
package dev.fftt.otel;
