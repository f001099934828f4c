package dev.fftt.test;

import dev.fftt.runtime.EventLoop;

/**
 * A registered {@link EventLoop} (made by {@link FfttTestKit#loop(String)}) whose tasks run only
 * when the test steps it, on the test's thread: nothing runs until {@link #runNext()} or
 * {@link #runPending()} is called. {@link #inLoop()} is true on the thread running one of its
 * tasks, so a woven {@code @LoopCompatible} call made there completes by a task queued here, as on
 * a real loop; {@code @LoopCompatible(runOn = name)} bodies are queued here too. It is never probed
 * by the stall watchdog.
 */
public interface SteppableLoop extends EventLoop {

  /**
   * Runs the oldest queued task on this thread; false when none was queued.
   *
   * @throws IllegalStateException when the kit that made the loop has been closed
   */
  boolean runNext();

  /**
   * Runs queued tasks, oldest first, until none is left (tasks they queue included); returns how
   * many ran.
   *
   * @throws IllegalStateException when more than 10,000 tasks run (a task that queues itself
   *     again for ever), or when the kit that made the loop has been closed
   */
  int runPending();

  /** Tasks queued and not yet run. */
  int queued();
}
