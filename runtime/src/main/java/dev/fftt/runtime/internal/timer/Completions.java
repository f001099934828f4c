package dev.fftt.runtime.internal.timer;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's completion threads: where timeouts complete callers' futures and where retries
 * after a pause start. Daemon threads named {@code fftt-completion-N}, at most
 * {@code max(8, 4 × processors)}, each leaving after 10 s idle; never the common pool. A callback
 * that blocks here holds one thread and delays no timer.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Completions {

  private static final class Holder {
    static final ThreadPoolExecutor EXECUTOR = create();
  }

  private Completions() {}

  /**
   * The executor, started on first use; while a test kit's {@link VirtualTimer} is installed, its
   * queue instead (the test thread runs what is handed to it).
   */
  public static Executor executor() {
    Executor virtual = Timers.completions();
    return virtual == null ? Holder.EXECUTOR : virtual;
  }

  /** The real pool, whatever is installed. */
  static Executor pool() {
    return Holder.EXECUTOR;
  }

  /** Completion threads alive now. */
  public static int threads() {
    return Holder.EXECUTOR.getPoolSize();
  }

  /** Whether the current thread is one of the completion threads. */
  public static boolean isCompletionThread() {
    return Thread.currentThread().getName().startsWith("fftt-completion-");
  }

  private static ThreadPoolExecutor create() {
    int size = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "fftt-completion-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
