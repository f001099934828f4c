/**
 * Counting: one {@code Monitor} per operation name (counters and the latency histogram), kept
 * in {@code Monitors} for {@code Diagnostics}.
 *
 * <p>Depends on {@code util} only.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.monitor;
