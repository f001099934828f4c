package dev.fftt.runtime.internal.timer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One entry of the {@link TimerWheel}: the entry is its own list node, so a pending timeout costs
 * one small object. Exactly one of {@link #cancel()} (first caller) and expiry wins; the loser
 * sees {@code false} or is never run.
 *
 * <p>Internal; not API, may change without notice.
 */
public abstract class TimerTask implements Runnable {

  static final int NEW = 0;       // not scheduled (yet)
  static final int QUEUED = 1;    // handed to the wheel, not yet in a bucket
  static final int LINKED = 2;    // in a bucket
  static final int CANCELLED = 3; // claimed by cancel(); will never run
  static final int EXPIRED = 4;   // claimed by the wheel; runs on a completion thread

  private static final VarHandle STATE;
  private static final VarHandle STACK_NEXT;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(TimerTask.class, "state", int.class);
      STACK_NEXT = MethodHandles.lookup().findVarHandle(TimerTask.class, "stackNext", TimerTask.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through STATE
  private volatile int state;
  long deadline;
  // Bucket list links and the hand-over stack link; owned by the wheel's thread once linked.
  TimerTask next;
  TimerTask prev;
  TimerTask stackNext;

  /**
   * Claims this task so that it never runs: true for the one caller that claimed it while it was
   * not yet expired, false for later callers and after expiry.
   */
  public final boolean cancel() {
    for (;;) {
      int s = (int) STATE.getVolatile(this);
      if (s == NEW || s == QUEUED) {
        if (STATE.compareAndSet(this, s, CANCELLED)) {
          return true;
        }
      } else if (s == LINKED) {
        if (STATE.compareAndSet(this, LINKED, CANCELLED)) {
          TimerWheel.get().unlinkLater(this);
          return true;
        }
      } else {
        return false;
      }
    }
  }

  /** Whether the wheel expired this task (its {@link #expire()} has run or is about to). */
  public final boolean isExpired() {
    return (int) STATE.getVolatile(this) == EXPIRED;
  }

  /** Whether the task was claimed by {@link #cancel()} or by expiry. */
  public final boolean isClaimed() {
    return (int) STATE.getVolatile(this) >= CANCELLED;
  }

  final int state() {
    return (int) STATE.getVolatile(this);
  }

  final boolean transition(int from, int to) {
    return STATE.compareAndSet(this, from, to);
  }

  /**
   * Reads and clears the hand-over stack link in one atomic step: the wheel's thread then owns
   * the entry's cache line at once, instead of reading it from the scheduling thread's cache and
   * asking for it again to write (one cross-core transfer per entry instead of two or three).
   */
  final TimerTask takeStackNext() {
    return (TimerTask) STACK_NEXT.getAndSet(this, (TimerTask) null);
  }

  /**
   * The virtual timer holding this task is being discarded (a test kit closes) before the task
   * expired: the call waiting on it should end, cancelled. Called before the task is claimed by
   * {@link #cancel()}; by default nothing happens.
   */
  protected void discarded() {}

  /** Runs on a completion thread (never the wheel's thread) after the wheel expired this task. */
  protected abstract void expire();

  @Override
  public final void run() {
    expire();
  }
}
