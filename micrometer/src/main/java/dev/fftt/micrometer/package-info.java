/**
 * FFTT's Micrometer exporter: {@link dev.fftt.micrometer.FfttMetrics}, a {@code MeterBinder} for
 * every FFTT operation, circuit breaker, bulkhead and event loop, with the names and tags in
 * {@link dev.fftt.micrometer.FfttMeterNames}.
 */
package dev.fftt.micrometer;
