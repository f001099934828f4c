/**
 * Exporting: the listeners exporter modules register ({@code Exports}), the exporters found through
 * {@code ServiceLoader}, and what each monitored operation's calls are reported to
 * ({@code CallSlot}: one volatile read per call, {@code null} while nobody listens). A listener's
 * throw is caught here, logged once, and never reaches a call.
 *
 * <p>Depends on {@code util} and on the API's {@code spi} package; {@code monitor},
 * {@code resilience} and {@code loop} report to it.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.export;
