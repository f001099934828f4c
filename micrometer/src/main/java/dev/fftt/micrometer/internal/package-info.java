/**
 * How {@code FfttMetrics} works: one {@code RegistryBinding} per registry listens to the runtime
 * ({@code dev.fftt.runtime.spi}) and registers meters; {@code OperationMeters} records each
 * monitored call; {@code Readings} is what the scraped meters read from {@code Diagnostics};
 * {@code MicrometerExporter} is the service the runtime starts ({@code micrometer=auto}).
 *
 * <p>Depends on the runtime's public API and {@code spi} and on micrometer-core; only
 * {@code MicrometerExporter} must load without Micrometer.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.micrometer.internal;
