package dev.fftt.runtime.internal.timer;

import dev.fftt.runtime.internal.util.Log;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The process-wide timer for timeouts and retry pauses: a hashed wheel of 1024 buckets of 5 ms,
 * run by one daemon thread, built for very many pending entries that are almost all cancelled.
 *
 * <p>Scheduling pushes the entry onto one of several lock-free hand-over stacks (picked by thread
 * id, so concurrent callers rarely share one); the wheel's thread alone moves entries into
 * buckets, unlinks cancelled ones at the next tick (so a cancelled timeout is not retained until
 * its deadline) and expires due ones by handing them to {@link Completions}, so no user code ever
 * runs on the wheel's thread. An entry never expires before its deadline and usually within one
 * tick after it. With nothing pending the thread parks until the next schedule.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class TimerWheel {

  private static final long TICK_NANOS = 5_000_000L;
  private static final int WHEEL_SIZE = 1024;
  private static final int MASK = WHEEL_SIZE - 1;
  private static final int STRIPES = 8;
  private static final int PAD = 16; // array slots between stripes, against false sharing

  private static final class Holder {
    static final TimerWheel INSTANCE = new TimerWheel();
  }

  private final long origin = System.nanoTime();
  private final TimerTask[] heads = new TimerTask[WHEEL_SIZE]; // wheel thread only
  private final AtomicReferenceArray<TimerTask> added = new AtomicReferenceArray<>(STRIPES * PAD);
  private final AtomicReferenceArray<TimerTask> cancelled = new AtomicReferenceArray<>(STRIPES * PAD);
  private final Thread thread;
  private long processedTick = -1; // wheel thread only
  private volatile long linked;    // written by the wheel thread only
  private volatile boolean sleeping;

  private TimerWheel() {
    thread = new Thread(this::work, "fftt-timer");
    thread.setDaemon(true);
    thread.start();
  }

  /** The process-wide wheel, started on first use. */
  public static TimerWheel get() {
    return Holder.INSTANCE;
  }

  /**
   * Expires {@code task} at or after {@code deadlineNanos} (a {@link System#nanoTime()} value).
   * A task is scheduled at most once; one already claimed by {@link TimerTask#cancel()} is left
   * alone and never expires.
   */
  public void schedule(TimerTask task, long deadlineNanos) {
    task.deadline = deadlineNanos;
    // Guard against a race with cancel() before scheduling: a task already claimed (or already
    // scheduled) stays as it is, so exactly one of cancel and expiry wins.
    if (!task.transition(TimerTask.NEW, TimerTask.QUEUED)) {
      return;
    }
    push(added, task);
    if (sleeping) {
      LockSupport.unpark(thread);
    }
  }

  /** Called by {@link TimerTask#cancel()} for a linked entry: the wheel unlinks it at its next tick. */
  void unlinkLater(TimerTask task) {
    push(cancelled, task);
    // Guard against a race with expiry: the wheel may have unlinked this entry as its last one and
    // parked before the push, so wake it as schedule() does (it re-checks both stacks after
    // setting sleeping, and this reads sleeping after pushing).
    if (sleeping) {
      LockSupport.unpark(thread);
    }
  }

  /** Entries now in buckets (a cancelled one counts until the next tick unlinks it). */
  public long pending() {
    return linked;
  }

  /** Whether entries wait to be moved into buckets or unlinked. */
  public boolean handOverPending() {
    for (int s = 0; s < STRIPES; s++) {
      if (added.get(s * PAD) != null || cancelled.get(s * PAD) != null) {
        return true;
      }
    }
    return false;
  }

  private static void push(AtomicReferenceArray<TimerTask> stacks, TimerTask task) {
    int slot = (int) (Thread.currentThread().getId() & (STRIPES - 1)) * PAD;
    TimerTask head;
    do {
      head = stacks.get(slot);
      task.stackNext = head;
    } while (!stacks.compareAndSet(slot, head, task));
  }

  private void work() {
    for (;;) {
      try {
        unlinkCancelled();
        long now = System.nanoTime();
        long currentTick = (now - origin) / TICK_NANOS;
        insertAdded(currentTick);
        expireUpTo(currentTick);
        sleepUntilNextTick();
      } catch (Throwable t) {
        Log.warn("FFTT timer thread caught an unexpected error and goes on", t);
      }
    }
  }

  private void sleepUntilNextTick() {
    if (linked == 0) {
      sleeping = true;
      if (!handOverPending()) {
        LockSupport.park(this);
      }
      sleeping = false;
      return;
    }
    long wake = origin + (processedTick + 1) * TICK_NANOS;
    long wait = wake - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(this, wait);
    }
  }

  private void insertAdded(long currentTick) {
    for (int s = 0; s < STRIPES; s++) {
      TimerTask task = added.getAndSet(s * PAD, null);
      while (task != null) {
        TimerTask nextInStack = task.takeStackNext(); // before the CAS: a canceller may reuse the link after it
        if (task.state() == TimerTask.QUEUED) { // else cancelled already (the common case): dropped
          long tick = tickOf(task.deadline);
          if (tick <= processedTick) { // its bucket has been passed already
            if (task.transition(TimerTask.QUEUED, TimerTask.EXPIRED)) {
              dispatch(task);
            }
          } else if (task.transition(TimerTask.QUEUED, TimerTask.LINKED)) {
            link(task, (int) (tick & MASK));
          }
        }
        task = nextInStack;
      }
    }
  }

  private long tickOf(long deadline) {
    long sinceOrigin = deadline - origin;
    if (sinceOrigin <= 0) {
      return 0;
    }
    return (sinceOrigin + TICK_NANOS - 1) / TICK_NANOS;
  }

  private void unlinkCancelled() {
    for (int s = 0; s < STRIPES; s++) {
      TimerTask task = cancelled.getAndSet(s * PAD, null);
      while (task != null) {
        TimerTask nextInStack = task.takeStackNext();
        unlink(task);
        task = nextInStack;
      }
    }
  }

  private void expireUpTo(long currentTick) {
    long from = processedTick + 1;
    if (currentTick < from) {
      return;
    }
    long count = Math.min(currentTick - processedTick, WHEEL_SIZE);
    for (long t = from; t < from + count; t++) {
      expireBucket((int) (t & MASK), currentTick);
    }
    processedTick = currentTick;
  }

  private void expireBucket(int index, long currentTick) {
    TimerTask task = heads[index];
    while (task != null) {
      TimerTask following = task.next;
      if (tickOf(task.deadline) <= currentTick) {
        unlink(task);
        // Guard against a race with cancel(): only the CAS winner decides; a cancelled entry
        // queued for unlinking is skipped there because it is no longer linked.
        if (task.transition(TimerTask.LINKED, TimerTask.EXPIRED)) {
          dispatch(task);
        }
      }
      task = following;
    }
  }

  private void link(TimerTask task, int index) {
    TimerTask head = heads[index];
    task.prev = null;
    task.next = head;
    if (head != null) {
      head.prev = task;
    }
    heads[index] = task;
    linked = linked + 1;
  }

  private void unlink(TimerTask task) {
    int index = (int) (tickOf(task.deadline) & MASK);
    if (task.prev == null && heads[index] != task) {
      return; // not linked (already expired or never inserted)
    }
    if (task.prev != null) {
      task.prev.next = task.next;
    } else {
      heads[index] = task.next;
    }
    if (task.next != null) {
      task.next.prev = task.prev;
    }
    task.next = null;
    task.prev = null;
    linked = linked - 1;
  }

  private static void dispatch(TimerTask task) {
    try {
      Completions.pool().execute(task); // the real pool even under a test kit: this wheel runs in real time
    } catch (RejectedExecutionException e) {
      Log.warn("FFTT completion executor rejected a timer task; it is dropped", e);
    }
  }
}
