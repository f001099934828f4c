/**
 * Leaves every other package uses: argument checks, durations, JSON escaping, logging through
 * SLF4J or {@code System.Logger}, the caller's MDC context (SLF4J bound per class loader,
 * {@code Slf4j}, so an application whose SLF4J lives in a child loader is served too), and the
 * runtime's own files ({@code RuntimeFiles}), a failed future's unwrapped failure
 * ({@code Failures}), and the seams a test kit replaces: the clock ({@code Ticks}) and the retry
 * jitter's random source ({@code Jitter}).
 *
 * <p>Depends on the JDK only (SLF4J reflectively, when present).
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.util;
