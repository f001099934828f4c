/**
 * Time: the one hashed-wheel timer of the process ({@code TimerWheel}, {@code TimerTask}) and the
 * completion threads its expiries run on ({@code Completions}), so no user code runs on the
 * timer's thread.
 *
 * <p>Depends on {@code util} only.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.timer;
