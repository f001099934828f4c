package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Log;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * A loop with one daemon thread ({@code fftt-loop-<name>}) that runs tasks in submission order.
 * A task that throws is logged and the loop goes on.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class SingleThreadLoop extends LoopHandle {

  private static final Runnable STOP = () -> { };

  // Added to by execute() and shutdown() on any thread; taken from by the loop thread only (and by
  // execute() taking back a task that lost the race with shutdown, see there).
  private final LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>();
  private final LoopThread thread;

  /** The thread of a {@link SingleThreadLoop}; lets the loop be found from the thread at once. */
  static final class LoopThread extends Thread {
    final SingleThreadLoop loop;

    LoopThread(SingleThreadLoop loop, Runnable body) {
      super(body, "fftt-loop-" + loop.name());
      this.loop = loop;
      setDaemon(true);
    }
  }

  SingleThreadLoop(String name) {
    super(name);
    this.thread = new LoopThread(this, this::run);
    knownThread(thread);
  }

  void start() {
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    Checks.notNull(task, "task");
    if (isShutdown()) {
      throw new RejectedExecutionException("event loop '" + name() + "' has been shut down");
    }
    queue.add(task);
    // Guard against a race with shutdown(): STOP may have been queued between the check and the
    // add, and a task behind STOP never runs. Take it back and reject it unless the loop already
    // took it. The last occurrence is taken, so with the same Runnable queued twice a copy behind
    // STOP goes first; each execute either runs its task or throws.
    if (isShutdown() && queue.removeLastOccurrence(task)) {
      throw new RejectedExecutionException("event loop '" + name() + "' has been shut down");
    }
  }

  @Override
  public long pending() {
    return queue.size();
  }

  @Override
  protected boolean owns(Thread t) {
    return t == thread;
  }

  @Override
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  @Override
  public void shutdown() {
    if (markShutdown()) {
      queue.add(STOP);
    }
  }

  private void run() {
    for (;;) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        if (isShutdown()) {
          return;
        }
        continue; // a task interrupted the loop thread; the loop goes on
      }
      if (task == STOP) {
        return;
      }
      try {
        task.run();
      } catch (Throwable t) {
        Log.warn("FFTT: a task on event loop '" + name() + "' threw; the loop goes on", t);
      }
      Thread.interrupted(); // a task's interrupt must not leak into the next one
    }
  }
}
