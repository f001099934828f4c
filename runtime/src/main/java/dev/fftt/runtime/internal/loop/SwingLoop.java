package dev.fftt.runtime.internal.loop;

import java.awt.EventQueue;

/**
 * The built-in "swing" loop: the AWT event dispatch thread. Works headless (the EDT runs there
 * too). Made and registered by {@link LoopRegistry} on first use only, so that AWT is not loaded
 * for it where nothing uses the EDT. It is watched for stalls only once something has been
 * executed on it through the runtime, because the watchdog's probes keep the EDT (a non-daemon
 * thread) alive; shut the loop down to stop them.
 *
 * <p>Internal; not API, may change without notice. Loaded only when {@code java.desktop} is present.
 */
final class SwingLoop extends ExecutorLoop {

  // Compile-time constants: LoopRegistry reads them without loading this class.
  static final String NAME = "swing";
  static final String THREAD_NAME_PREFIX = "AWT-EventQueue";

  private SwingLoop() {
    super(NAME, EventQueue::invokeLater, SwingLoop::isDispatchThread);
  }

  /**
   * A new swing loop. Typed as a {@link LoopHandle} so that verifying the caller does not load this
   * class (a {@code new SwingLoop()} there would, to check the assignment).
   */
  static LoopHandle make() {
    return new SwingLoop();
  }

  private static boolean isDispatchThread(Thread thread) {
    // The name test keeps AWT from being touched on every check from other threads.
    return thread == Thread.currentThread()
        && thread.getName().startsWith(THREAD_NAME_PREFIX)
        && EventQueue.isDispatchThread();
  }

  @Override
  public void execute(Runnable task) {
    super.execute(task);
    watch();
  }
}
