package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The registered loops by name. Reads are lock-free over a copy-on-write array (there are few
 * loops and they change rarely); registration is synchronized. "swing" is registered at start
 * when {@code java.desktop} is present; "default" is started on first use.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class LoopRegistry {

  /** The name of the default loop. */
  public static final String DEFAULT = "default";

  private static volatile LoopHandle[] loops = initial();
  private static volatile LoopHandle defaultLoop;

  private LoopRegistry() {}

  private static LoopHandle[] initial() {
    if (ModuleLayer.boot().findModule("java.desktop").isPresent()) {
      try {
        return new LoopHandle[] {new SwingLoop()};
      } catch (Throwable t) {
        Log.debug("FFTT: no swing loop: " + t);
      }
    }
    return new LoopHandle[0];
  }

  /** Starts and registers a single-thread loop. */
  public static LoopHandle start(String name) {
    return startSingleThread(checkName(name));
  }

  /** Registers, starts and watches a single-thread loop (the name already checked). */
  private static SingleThreadLoop startSingleThread(String name) {
    SingleThreadLoop loop = new SingleThreadLoop(name);
    add(loop);
    loop.start();
    loop.watch();
    return loop;
  }

  /** Registers a loop over the application's executor. */
  public static LoopHandle register(String name, Executor executor, Predicate<Thread> ownsThread) {
    ExecutorLoop loop = new ExecutorLoop(checkName(name), executor, ownsThread);
    add(loop);
    loop.watch();
    return loop;
  }

  private static String checkName(String name) {
    Checks.notNull(name, "loop name");
    Checks.argument(!name.isEmpty(), "a loop name must not be empty");
    Checks.argument(!name.equals(DEFAULT), "'default' is the built-in default loop's name; choose another");
    return name;
  }

  private static synchronized void add(LoopHandle loop) {
    if (find(loop.name()) != null) {
      throw new IllegalStateException("an event loop named '" + loop.name()
          + "' is already registered; shut it down first or choose another name");
    }
    LoopHandle[] current = loops;
    LoopHandle[] next = new LoopHandle[current.length + 1];
    System.arraycopy(current, 0, next, 0, current.length);
    next[current.length] = loop;
    loops = next;
  }

  static synchronized void unregister(LoopHandle loop) {
    List<LoopHandle> next = new ArrayList<>();
    for (LoopHandle l : loops) {
      if (l != loop) {
        next.add(l);
      }
    }
    loops = next.toArray(new LoopHandle[0]);
    if (defaultLoop == loop) {
      defaultLoop = null;
    }
  }

  /** The loop registered as {@code name}, or {@code null}. */
  public static LoopHandle find(String name) {
    if (name == null) {
      return null;
    }
    for (LoopHandle l : loops) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    return null;
  }

  /** The loop the current thread belongs to, or {@code null}. */
  public static LoopHandle ofCurrentThread() {
    Thread t = Thread.currentThread();
    if (t instanceof SingleThreadLoop.LoopThread) {
      SingleThreadLoop loop = ((SingleThreadLoop.LoopThread) t).loop;
      return loop.isShutdown() ? null : loop;
    }
    for (LoopHandle l : loops) {
      if (!(l instanceof SingleThreadLoop) && l.owns(t)) {
        return l;
      }
    }
    return null;
  }

  /** The default loop, started and registered on first use. */
  public static LoopHandle defaultLoop() {
    LoopHandle loop = defaultLoop;
    if (loop != null && !loop.isShutdown()) {
      return loop;
    }
    synchronized (LoopRegistry.class) {
      loop = defaultLoop;
      if (loop == null || loop.isShutdown()) {
        loop = startSingleThread(DEFAULT);
        defaultLoop = loop;
      }
      return loop;
    }
  }

  /** Every registered loop, in registration order. */
  public static List<LoopHandle> all() {
    return List.of(loops);
  }
}
