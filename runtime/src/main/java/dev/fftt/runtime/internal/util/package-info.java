/**
 * Leaves every other package uses: argument checks, durations, JSON escaping, logging through
 * SLF4J or {@code System.Logger}, the caller's MDC context, and the runtime's own files
 * ({@code RuntimeFiles}).
 *
 * <p>Depends on the JDK only (SLF4J reflectively, when present).
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.util;
