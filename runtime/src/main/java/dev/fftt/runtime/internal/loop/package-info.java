/**
 * Event loops: the registry behind {@code EventLoops}, the loop kinds (single thread, a user's
 * executor, the Swing EDT) and the stall watchdog that probes them (on the real clock, also
 * under the test kit, whose steppable loops it leaves alone).
 *
 * <p>Depends on {@code util}, {@code export} (a new loop and each stall are reported to the
 * exporters), and on the API's {@code EventLoop} (the interface loops implement).
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.loop;
