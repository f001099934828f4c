package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The registered loops by name. Reads are lock-free over a copy-on-write array (there are few
 * loops and they change rarely); registration is synchronized. "default" is started on first use.
 * "swing" (the AWT event dispatch thread, when {@code java.desktop} is present) is registered on
 * first use too, so a JVM where nothing touches the EDT neither lists it nor loads AWT classes for
 * it: when it is looked up by name ({@link #find}: {@code EventLoops.named("swing")}, a policy
 * with {@code runOn = "swing"}), when the current thread's loop is asked for on the EDT
 * ({@link #ofCurrentThread}: {@code EventLoops.current()}, a {@code @LoopCompatible} call), or
 * when a loop named "swing" is registered (which then fails, the name being taken). Once shut
 * down it is not made again.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class LoopRegistry {

  /** The name of the default loop. */
  public static final String DEFAULT = "default";

  // Copy-on-write: replaced (never mutated) under the class lock, read without it.
  private static volatile LoopHandle[] loops = new LoopHandle[0];
  // Set and cleared under the class lock; read without it by defaultLoop()'s first check.
  private static volatile LoopHandle defaultLoop;
  // True until the built-in swing loop has been made (or found impossible to make); then false for
  // good. Cleared under the class lock, read without it on every lookup that misses.
  private static volatile boolean swingUnmade = true;

  private LoopRegistry() {}

  /**
   * The built-in swing loop, registered now if it was not yet; {@code null} when it cannot be
   * (no {@code java.desktop}) or was made and has been shut down.
   */
  private static synchronized LoopHandle builtInSwing() {
    if (!swingUnmade) {
      return registered(SwingLoop.NAME);
    }
    swingUnmade = false;
    if (ModuleLayer.boot().findModule("java.desktop").isEmpty()) {
      return null;
    }
    try {
      LoopHandle swing = SwingLoop.make();
      add(swing);
      return swing;
    } catch (Throwable t) {
      Log.debug("FFTT: no swing loop: " + t);
      return null;
    }
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

  /**
   * Registers {@code loop} as it is, without watching it for stalls: for a loop whose tasks run
   * only when a test steps it (the test kit's), which a probe would find "stalled" all the time.
   *
   * @throws IllegalArgumentException when its name is empty or "default"
   * @throws IllegalStateException when a loop of that name is registered already
   */
  public static void registerUnwatched(LoopHandle loop) {
    Checks.notNull(loop, "loop");
    checkName(loop.name());
    add(loop);
  }

  private static String checkName(String name) {
    Checks.notNull(name, "loop name");
    Checks.argument(!name.isEmpty(), "a loop name must not be empty");
    Checks.argument(!name.equals(DEFAULT), "'default' is the built-in default loop's name; choose another");
    return name;
  }

  private static synchronized void add(LoopHandle loop) {
    if (registered(loop.name()) != null
        || (loop.name().equals(SwingLoop.NAME) && swingUnmade && builtInSwing() != null)) {
      throw new IllegalStateException("an event loop named '" + loop.name()
          + "' is already registered; shut it down first or choose another name");
    }
    LoopHandle[] current = loops;
    LoopHandle[] next = new LoopHandle[current.length + 1];
    System.arraycopy(current, 0, next, 0, current.length);
    next[current.length] = loop;
    loops = next;
    BlockingCalls.loopsChanged();
    Exports.loopAdded(loop.name()); // under this class's lock: Exports never calls back into it
  }

  static synchronized void unregister(LoopHandle loop) {
    List<LoopHandle> next = new ArrayList<>();
    for (LoopHandle l : loops) {
      if (l != loop) {
        next.add(l);
      }
    }
    loops = next.toArray(new LoopHandle[0]);
    BlockingCalls.loopsChanged();
    if (defaultLoop == loop) {
      defaultLoop = null;
    }
  }

  /** The loop registered as {@code name} ("swing" is registered now if need be), or {@code null}. */
  public static LoopHandle find(String name) {
    LoopHandle loop = registered(name);
    if (loop == null && swingUnmade && SwingLoop.NAME.equals(name)) {
      return builtInSwing();
    }
    return loop;
  }

  /** The built-in swing loop if it is registered now (never makes it), or {@code null}. */
  static LoopHandle registeredSwing() {
    return registered(SwingLoop.NAME);
  }

  /** The loop registered as {@code name} now, or {@code null}. */
  private static LoopHandle registered(String name) {
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

  /** The loop the current thread belongs to ("swing" is registered now if this is the EDT), or {@code null}. */
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
    // The name test keeps other threads from making the swing loop (and loading AWT).
    if (swingUnmade && t.getName().startsWith(SwingLoop.THREAD_NAME_PREFIX)) {
      LoopHandle swing = builtInSwing();
      if (swing != null && swing.owns(t)) {
        return swing;
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
