/**
 * Exporting: the listeners exporter modules register ({@code Exports}), the exporters found through
 * {@code ServiceLoader}, and what each monitored operation's calls are reported to
 * ({@code CallSlot}: one volatile read per call, {@code null} while nobody listens), and the
 * context carriers whose captures a call takes where it takes the caller's MDC ({@code Carriers}).
 * A listener's or a carrier's throw is caught here, logged once, and never reaches a call.
 *
 * <p>Depends on {@code util} and on the API's {@code spi} package; {@code monitor},
 * {@code resilience} and {@code loop} report to it, and {@code guard} attaches its carriers.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.export;
