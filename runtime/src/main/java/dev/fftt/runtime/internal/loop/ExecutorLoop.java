package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.internal.util.Checks;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A loop over an executor the application owns (a UI toolkit's event thread, a Netty or Vert.x
 * event loop, a single-thread executor): tasks go to the executor, and the given predicate says
 * which threads belong to it.
 *
 * <p>Internal; not API, may change without notice.
 */
public class ExecutorLoop extends LoopHandle {

  private final Executor executor;
  private final Predicate<Thread> ownsThread;
  // Tasks handed to the executor and not yet started: incremented by execute() (any thread) before
  // the hand-off, decremented as the task starts on the executor's thread (or by execute() when
  // the executor throws), so the task's decrement always follows its increment.
  private final AtomicLong pending = new AtomicLong();

  ExecutorLoop(String name, Executor executor, Predicate<Thread> ownsThread) {
    super(name);
    this.executor = Checks.notNull(executor, "executor");
    this.ownsThread = Checks.notNull(ownsThread, "ownsThread");
  }

  @Override
  public void execute(Runnable task) {
    Checks.notNull(task, "task");
    if (isShutdown()) {
      throw new RejectedExecutionException("event loop '" + name() + "' has been shut down");
    }
    pending.incrementAndGet();
    try {
      executor.execute(() -> {
        pending.decrementAndGet();
        knownThread(Thread.currentThread());
        BlockingCalls.ranTaskOf(this);
        task.run();
      });
    } catch (RuntimeException e) {
      pending.decrementAndGet();
      throw e instanceof RejectedExecutionException ? e
          : new RejectedExecutionException("event loop '" + name() + "' rejected a task", e);
    }
  }

  @Override
  public long pending() {
    return Math.max(0, pending.get());
  }

  @Override
  protected boolean owns(Thread thread) {
    return ownsThread.test(thread);
  }

  @Override
  public void shutdown() {
    markShutdown();
  }
}
