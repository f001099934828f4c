/**
 * How FFTT's exporter modules ({@code fftt-micrometer}, {@code fftt-jfr},
 * {@code fftt-opentelemetry}) learn what the runtime does: an {@link dev.fftt.runtime.spi.FfttExporter}
 * found through {@link java.util.ServiceLoader} starts once, and an
 * {@link dev.fftt.runtime.spi.FfttListener} registered with
 * {@link dev.fftt.runtime.spi.FfttListeners#register} hears of every operation, breaker, bulkhead and
 * loop, and of each monitored call as it ends.
 *
 * <p>Listeners run on the threads that do the work (the caller's, a completion thread, the timer's):
 * they must be quick and must not block. A listener that throws never affects a call: the throw is
 * logged once per listener and the call goes on. Meant for FFTT's own modules; it may change with
 * them.
 */
package dev.fftt.runtime.spi;
