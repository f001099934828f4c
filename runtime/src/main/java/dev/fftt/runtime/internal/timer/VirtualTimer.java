package dev.fftt.runtime.internal.timer;

import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Ticks;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * A clock and timer that move only when told (the test kit's): once installed, the runtime reads
 * its {@link #nanoTime()}, schedules timeouts and retry pauses on it, and hands what would go to
 * the completion threads to its queue. {@link #advanceTo} then expires due entries on the calling
 * thread in deadline order (ties in scheduling order), each with the clock set to its deadline,
 * and runs the queued hand-offs after each, so everything they cause has run when it returns.
 *
 * <p>Entries stay in the state {@code QUEUED} (never linked into the wheel), so
 * {@link TimerTask#cancel()} claims them without calling back here; a cancelled entry is dropped
 * when it reaches the head of the queue. Any thread may schedule, cancel and hand off; one thread
 * (the test's) drives {@link #advanceTo} and {@link #runQueued}. After {@link #close}, schedules
 * and hand-offs that still reach it go to the real wheel and pool.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class VirtualTimer {

  private record Entry(TimerTask task, long deadline, long order) {}

  // Guarded by lock: the entries not yet expired or dropped, earliest deadline first.
  private final Object lock = new Object();
  private final PriorityQueue<Entry> entries = new PriorityQueue<>((a, b) ->
      a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.order, b.order));
  private long order; // guarded by lock
  // Written by the driving thread (under lock), read by any thread reading the clock.
  private volatile long now;
  // Hand-offs meant for the completion threads, run by the driving thread in runQueued().
  private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
  // Set once by close() (the driving thread); read by schedule/hand-off on any thread, so that
  // one that read the seam just before the uninstall still reaches a timer that runs.
  private volatile boolean closed;
  private final LongSupplier clock = this::nanoTime;
  private final Executor completions = this::handOff;

  /** A virtual timer whose clock starts at {@code startNanos}. */
  public VirtualTimer(long startNanos) {
    this.now = startNanos;
  }

  /**
   * Installs this timer and its clock process-wide.
   *
   * @throws IllegalStateException when another virtual clock or timer is installed
   */
  public void install() {
    Ticks.install(clock);
    try {
      Timers.install(this);
    } catch (IllegalStateException e) {
      Ticks.uninstall(clock);
      throw e;
    }
  }

  /** The virtual now. */
  public long nanoTime() {
    return now;
  }

  void schedule(TimerTask task, long deadlineNanos) {
    if (closed) {
      TimerWheel.get().schedule(task, deadlineNanos);
      return;
    }
    task.deadline = deadlineNanos;
    if (!task.transition(TimerTask.NEW, TimerTask.QUEUED)) {
      return; // claimed already (cancelled before it was scheduled), or scheduled twice
    }
    synchronized (lock) {
      entries.add(new Entry(task, deadlineNanos, order++));
    }
  }

  Executor completions() {
    return completions;
  }

  private void handOff(Runnable task) {
    Checks.notNull(task, "task");
    if (closed) {
      Completions.pool().execute(task);
    } else {
      queued.add(task);
    }
  }

  /** Entries neither expired nor cancelled. */
  public int pendingTimers() {
    synchronized (lock) {
      int n = 0;
      for (Entry e : entries) {
        if (e.task.state() == TimerTask.QUEUED) {
          n++;
        }
      }
      return n;
    }
  }

  /** The earliest deadline of an entry neither expired nor cancelled, if any. */
  public OptionalLong nextDeadline() {
    synchronized (lock) {
      Entry head = liveHead();
      return head == null ? OptionalLong.empty() : OptionalLong.of(head.deadline);
    }
  }

  /** Hand-offs waiting to run. */
  public int queuedTasks() {
    return queued.size();
  }

  private Entry liveHead() { // under lock
    Entry head = entries.peek();
    while (head != null && head.task.state() != TimerTask.QUEUED) {
      entries.poll(); // cancelled: dropped here
      head = entries.peek();
    }
    return head;
  }

  /**
   * Runs the queued hand-offs, and those they queue, on this thread; returns how many ran. A task
   * that throws stops the run and the throw reaches the caller (the rest stay queued).
   */
  public int runQueued() {
    int ran = 0;
    Runnable task;
    while ((task = queued.poll()) != null) {
      ran++;
      task.run();
    }
    return ran;
  }

  /**
   * Moves the clock to {@code targetNanos}, expiring every entry due by then in deadline order on
   * this thread (the clock reads each one's deadline while it runs) and running the hand-offs
   * after each; returns how many entries expired.
   *
   * @throws IllegalArgumentException when {@code targetNanos} is before now
   */
  public int advanceTo(long targetNanos) {
    Checks.argument(targetNanos - now >= 0, "the virtual clock cannot go back");
    int fired = 0;
    runQueued();
    for (;;) {
      Entry due;
      synchronized (lock) {
        due = liveHead();
        if (due == null || due.deadline - targetNanos > 0) {
          break;
        }
        entries.poll();
        if (due.deadline - now > 0) {
          now = due.deadline;
        }
      }
      if (due.task.transition(TimerTask.QUEUED, TimerTask.EXPIRED)) {
        fired++;
        due.task.run();
      }
      runQueued();
    }
    synchronized (lock) {
      now = targetNanos;
    }
    runQueued();
    return fired;
  }

  /**
   * Ends what waits on this timer, then uninstalls it and its clock (the real ones are back):
   * each entry neither expired nor cancelled is told it is {@linkplain TimerTask#discarded()
   * discarded} and is cancelled; queued hand-offs are run (the calls they belong to have ended,
   * so they do nothing but give back what they hold). Returns how many entries were discarded.
   */
  public int close() {
    if (closed) {
      return 0;
    }
    int discarded = 0;
    // Bounded: a hand-off may schedule a new entry (a retry of a call not ended by the discard).
    for (int round = 0; round < 100; round++) {
      List<Entry> left;
      synchronized (lock) {
        left = new ArrayList<>(entries);
        entries.clear();
      }
      left.sort(entries.comparator());
      for (Entry e : left) {
        if (e.task.state() == TimerTask.QUEUED) {
          discarded++;
          e.task.discarded();
          e.task.cancel();
        }
      }
      runQueued();
      synchronized (lock) {
        if (entries.isEmpty() && queued.isEmpty()) {
          break;
        }
      }
    }
    closed = true;
    Timers.uninstall(this);
    Ticks.uninstall(clock);
    runQueued(); // anything that slipped in before closed was seen
    return discarded;
  }
}
