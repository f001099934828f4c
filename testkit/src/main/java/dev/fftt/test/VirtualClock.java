package dev.fftt.test;

import dev.fftt.runtime.internal.timer.VirtualTimer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The clock and timer of an installed {@link FfttTestKit}: while the kit is installed, every
 * timeout, retry pause, breaker delay and latency of the FFTT runtime is measured on it, and it
 * moves only when the test calls {@link #advanceBy}. Timers due then fire on the calling thread in
 * deadline order, and what they cause (a timed-out caller's future failing, a retry starting) runs
 * there too before {@code advanceBy} returns. Thread-safe to read; advance it from one thread (the
 * test's).
 */
public final class VirtualClock {

  private final VirtualTimer timer;
  private final FfttTestKit kit;

  VirtualClock(VirtualTimer timer, FfttTestKit kit) {
    this.timer = timer;
    this.kit = kit;
  }

  /**
   * Now, in nanoseconds, on the scale of {@link System#nanoTime()} (the clock starts at the real
   * reading taken when the kit was installed, and then moves only by {@link #advanceBy}).
   */
  public long nanoTime() {
    return timer.nanoTime();
  }

  /**
   * Moves the clock forward by {@code duration}. Each timer whose deadline is reached (a deadline
   * equal to the new time included) fires on this thread, in deadline order, with the clock at
   * its deadline while it runs; the work it hands to the runtime's completion threads runs here
   * too, after it. {@code advanceBy(Duration.ZERO)} runs such hand-offs that are waiting (e.g. a
   * bulkhead's waiting attempt granted its permit) without moving the clock.
   *
   * @throws IllegalArgumentException when {@code duration} is negative
   * @throws IllegalStateException when the kit has been closed
   */
  public void advanceBy(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("advanceBy(" + duration + "): the virtual clock only moves"
          + " forward; pass a duration of zero or more");
    }
    kit.checkOpen();
    timer.advanceTo(timer.nanoTime() + saturatedNanos(duration));
  }

  /** Virtual timers neither fired nor cancelled (pending timeouts and retry pauses). */
  public int pendingTimers() {
    return timer.pendingTimers();
  }

  /** The time from now to the earliest pending timer; empty when none is pending. */
  public Optional<Duration> untilNextTimer() {
    OptionalLong next = timer.nextDeadline();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.max(0, next.getAsLong() - timer.nanoTime())));
  }

  @Override
  public String toString() {
    return "VirtualClock[now=" + nanoTime() + ", pendingTimers=" + pendingTimers() + "]";
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2; // centuries: far enough, and adding it to now cannot overflow
    }
  }
}
