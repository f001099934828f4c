package dev.fftt.runtime.internal.loop;

import java.awt.EventQueue;

/**
 * The built-in "swing" loop: the AWT event dispatch thread. Works headless (the EDT runs there
 * too). It is watched for stalls only once something has been executed on it through the
 * runtime, because the watchdog's probes keep the EDT (a non-daemon thread) alive; shut the loop
 * down to stop them.
 *
 * <p>Internal; not API, may change without notice. Loaded only when {@code java.desktop} is present.
 */
final class SwingLoop extends ExecutorLoop {

  static final String NAME = "swing";

  SwingLoop() {
    super(NAME, EventQueue::invokeLater, SwingLoop::isDispatchThread);
  }

  private static boolean isDispatchThread(Thread thread) {
    // The name test keeps AWT from being touched on every check from other threads.
    return thread == Thread.currentThread()
        && thread.getName().startsWith("AWT-EventQueue")
        && EventQueue.isDispatchThread();
  }

  @Override
  public void execute(Runnable task) {
    super.execute(task);
    watch();
  }
}
