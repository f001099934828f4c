package dev.fftt.runtime.internal.resilience;

import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.internal.monitor.RecentWindow;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Ticks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bulkhead of one operation: at most {@code maxConcurrent} permits held at once, and a
 * first-in-first-out waiting room of {@code queueCapacity} places.
 *
 * <p>Permits: {@link #acquire} takes one at once (lock-free while nobody waits), else queues the
 * waiter, else refuses. {@link #release} gives one back and, when someone waits, hands it to the
 * first waiter through {@link Waiter#granted()} (the waiter then holds it). {@link #remove} takes
 * a waiter out of the room (its timeout passed, or it was cancelled).
 *
 * <p>Races. {@code running} is changed only by CAS (a free permit is taken by exactly one
 * thread) and by {@code release}'s decrement. A waiter is queued under the lock, after which its
 * thread re-checks for a free permit; a releaser decrements {@code running} and then re-checks
 * {@code waiting}. Both are volatile, so of two such threads at least one sees the other's write:
 * a permit freed while a waiter was being queued is always handed on ({@link #drain}). Handing a
 * permit on happens under the lock, so a waiter is either granted or removed, never both.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BulkheadGate {

  /** {@link #acquire}: the caller holds a permit now. */
  public static final int RUN = 0;
  /** {@link #acquire}: the waiter is in the waiting room; {@link Waiter#granted()} follows. */
  public static final int QUEUED = 1;
  /** {@link #acquire}: refused (counted), every permit held and the room full. */
  public static final int REJECTED = 2;

  /** An attempt waiting for a permit. */
  public interface Waiter {
    /**
     * The waiter now holds a permit. Called on the thread that released it (or that queued the
     * waiter), with no lock held: start the attempt elsewhere, never on this thread.
     */
    void granted();
  }

  private static final VarHandle RUNNING;

  static {
    try {
      RUNNING = MethodHandles.lookup().findVarHandle(BulkheadGate.class, "running", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final int maxConcurrent;
  private final int queueCapacity;
  @SuppressWarnings("unused") // through RUNNING: permits held now
  private volatile int running;
  /** How many wait now: written under the lock, read without it by the fast paths. */
  private volatile int waiting;
  // Guarded by this object's lock.
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private long maxWaitNanos;

  /** Gives a permit back when the future it is attached to completes; one per gate. */
  private final java.util.function.BiConsumer<Object, Throwable> releaser = (v, e) -> release();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final RecentWindow recent = new RecentWindow();

  private static final class Entry {
    final Waiter waiter;
    final long since = Ticks.nanoTime();

    Entry(Waiter waiter) {
      this.waiter = waiter;
    }
  }

  /** @throws IllegalArgumentException when a value is out of the ranges of {@code @Bulkhead} */
  public BulkheadGate(String name, int maxConcurrent, int queueCapacity) {
    Checks.argument(maxConcurrent >= 1, "bulkhead of %s: value must be 1 or more, was %s", name,
        maxConcurrent);
    Checks.argument(queueCapacity >= 0, "bulkhead of %s: waitingTaskQueue must be 0 or more,"
        + " was %s", name, queueCapacity);
    this.name = name;
    this.maxConcurrent = maxConcurrent;
    this.queueCapacity = queueCapacity;
  }

  /** The operation's name. */
  public String name() {
    return name;
  }

  /** Whether {@code other} has the same settings (so one operation's bulkhead can be shared). */
  public boolean sameSettings(BulkheadGate other) {
    return maxConcurrent == other.maxConcurrent && queueCapacity == other.queueCapacity;
  }

  /**
   * Takes a permit when one is free and nobody waits ({@link #RUN}), else queues {@code waiter}
   * ({@link #QUEUED}) when the room has a place, else refuses ({@link #REJECTED}).
   */
  public int acquire(Waiter waiter) {
    if (waiting == 0 && tryTake()) {
      accepted.increment();
      return RUN;
    }
    List<Entry> granted;
    synchronized (this) {
      if (queue.isEmpty() && tryTake()) {
        accepted.increment();
        return RUN;
      }
      if (queue.size() >= queueCapacity) {
        rejected.increment();
        return REJECTED;
      }
      queue.addLast(new Entry(waiter));
      waiting = queue.size();
      granted = drainLocked(); // a permit freed before our waiting count was visible
    }
    grant(granted);
    return QUEUED;
  }

  /**
   * Takes a permit only when one is free and nobody waits: for a caller that runs the attempt
   * at once when it can and goes the long way ({@link #acquire}) otherwise. Counts it when taken.
   */
  public boolean tryAcquireNow() {
    if (waiting == 0 && tryTake()) {
      accepted.increment();
      return true;
    }
    return false;
  }

  /** Gives a permit back, handing it to the first waiter if there is one. */
  public void release() {
    RUNNING.getAndAdd(this, -1);
    if (waiting > 0) {
      List<Entry> granted;
      synchronized (this) {
        granted = drainLocked();
      }
      grant(granted);
    }
  }

  /** A callback that gives one permit back, for a future whose body holds one. */
  public java.util.function.BiConsumer<Object, Throwable> releaser() {
    return releaser;
  }

  /**
   * Takes {@code waiter} out of the waiting room: true when it was still waiting (it never gets a
   * permit), false when it is not there (it was granted one, or never queued).
   */
  public boolean remove(Waiter waiter) {
    if (waiting == 0) {
      return false;
    }
    synchronized (this) {
      for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
        if (it.next().waiter == waiter) {
          it.remove();
          waiting = queue.size();
          return true;
        }
      }
      return false;
    }
  }

  private boolean tryTake() {
    int r;
    while ((r = (int) RUNNING.getVolatile(this)) < maxConcurrent) {
      if (RUNNING.compareAndSet(this, r, r + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Under the lock: hands free permits to the first waiters; returns them, to be told outside. */
  private List<Entry> drainLocked() {
    List<Entry> granted = null;
    while (!queue.isEmpty() && tryTake()) {
      Entry e = queue.pollFirst();
      waiting = queue.size();
      accepted.increment();
      maxWaitNanos = Math.max(maxWaitNanos, Ticks.nanoTime() - e.since);
      if (granted == null) {
        granted = new ArrayList<>(2);
      }
      granted.add(e);
    }
    return granted;
  }

  private static void grant(List<Entry> granted) {
    if (granted != null) {
      for (Entry e : granted) {
        e.waiter.granted();
      }
    }
  }

  /** The bulkhead now. */
  public BulkheadStats stats() {
    long wait;
    synchronized (this) {
      wait = maxWaitNanos;
    }
    return new BulkheadStats(name, maxConcurrent, queueCapacity, (int) RUNNING.getVolatile(this),
        waiting, accepted.sum(), rejected.sum(), wait / 1e6);
  }

  /**
   * {@code {attempts, rejected}} in the health rule's recent window (see {@link RecentWindow}),
   * given {@code now} from {@link #stats()}.
   */
  public long[] recentAttemptsAndRejected(BulkheadStats now) {
    return recent.recent(now.accepted() + now.rejected(), now.rejected());
  }

  /** Zeroes the counts ({@code Diagnostics.reset()}); permits held and waiters stay. */
  public void reset() {
    synchronized (this) {
      maxWaitNanos = 0;
    }
    accepted.reset();
    rejected.reset();
    recent.reset();
  }

  @Override
  public String toString() {
    return "BulkheadGate[" + name + ", " + maxConcurrent + " at once, " + queueCapacity
        + " waiting]";
  }
}
