/**
 * The JFR exporter's workings: {@code JfrListener} hears the runtime (through
 * {@code dev.fftt.runtime.spi}) and writes the event classes ({@code *Event}); {@code JfrGate}
 * keeps every event class untouched until the JVM's Flight Recorder is in use. Depends on the
 * runtime's {@code spi} package and the JDK's {@code jdk.jfr} only.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.jfr.internal;
