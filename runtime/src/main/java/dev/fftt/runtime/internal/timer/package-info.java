/**
 * Time: the one hashed-wheel timer of the process ({@code TimerWheel}, {@code TimerTask}) and the
 * completion threads its expiries run on ({@code Completions}), so no user code runs on the
 * timer's thread; {@code Timers}, where the runtime schedules, and {@code VirtualTimer}, the test
 * kit's clock and timer that move only when the test moves them, which {@code Timers} and
 * {@code Completions} then use instead.
 *
 * <p>Depends on {@code util} only.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.timer;
