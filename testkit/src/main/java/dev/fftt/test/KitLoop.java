package dev.fftt.test;

import dev.fftt.runtime.internal.loop.LoopHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/** The kit's {@link SteppableLoop}: a queue that the test's thread drains when it steps. */
final class KitLoop extends LoopHandle implements SteppableLoop {

  static final int MAX_PENDING_RUN = 10_000;

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // Tasks queued and not yet taken: incremented before the add (any thread), decremented after a
  // poll that found one, so it never undercounts a task that is in the queue.
  private final AtomicInteger queued = new AtomicInteger();
  // The thread running one of this loop's tasks now, else null: written by the stepping thread
  // around each task, read by any thread asking inLoop() (the registry asks on every woven call).
  private volatile Thread running;
  private long ran; // tasks run: the stepping thread only (the kit reads it on that thread)

  KitLoop(String name) {
    super(name);
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (isShutdown()) {
      throw new RejectedExecutionException("steppable loop '" + name()
          + "' was closed with its test kit");
    }
    queued.incrementAndGet();
    tasks.add(task);
  }

  @Override
  public boolean runNext() {
    checkOpen();
    Runnable task = tasks.poll();
    if (task == null) {
      return false;
    }
    queued.decrementAndGet();
    Thread previous = running; // a task may step its own loop: restore the outer runner after
    running = Thread.currentThread();
    try {
      ran++;
      task.run();
    } finally {
      running = previous;
    }
    return true;
  }

  @Override
  public int runPending() {
    int n = 0;
    while (runNext()) {
      if (++n >= MAX_PENDING_RUN && queued() > 0) {
        throw new IllegalStateException("steppable loop '" + name() + "' ran " + n
            + " tasks in one runPending() and still has " + queued() + " queued: a task keeps"
            + " queueing more (e.g. one that re-submits itself); step it with runNext() instead");
      }
    }
    return n;
  }

  @Override
  public int queued() {
    return Math.max(0, queued.get());
  }

  long ran() {
    return ran;
  }

  @Override
  public long pending() {
    return queued();
  }

  @Override
  protected boolean owns(Thread thread) {
    return thread == running;
  }

  /** Unregisters the loop and drops what is queued (the kit closes, or the test shuts it down). */
  @Override
  public void shutdown() {
    markShutdown();
    tasks.clear();
    queued.set(0);
  }

  private void checkOpen() {
    if (isShutdown()) {
      throw new IllegalStateException("steppable loop '" + name()
          + "' is shut down (its test kit was closed); make a new kit and loop");
    }
  }
}
