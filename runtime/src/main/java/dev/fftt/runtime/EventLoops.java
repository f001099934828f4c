package dev.fftt.runtime;

import dev.fftt.runtime.internal.loop.LoopHandle;
import dev.fftt.runtime.internal.loop.LoopRegistry;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The registry of named event loops. {@code @LoopCompatible(runOn = "name")} runs bodies on the
 * loop registered under that name, and a caller on a registered loop gets its results back there.
 * Every registered loop is watched for stalls (see {@link Diagnostics#diagnoseEventLoopIssues()}).
 * Thread-safe.
 *
 * <p>Built in: "default", a single-thread loop started on first use of {@link #defaultLoop()};
 * and "swing", the AWT event dispatch thread, whenever the {@code java.desktop} module is present
 * (also headless). "swing" is registered on first use (looked up with {@link #named}, named by a
 * {@code runOn}, or found by {@link #current()} or a {@code @LoopCompatible} call on the EDT),
 * so the health report lists it only from then on, and the report itself never loads AWT. It is
 * watched once something has run on it through this registry, and then its probes keep the event
 * thread alive until it is shut down (after which it is not registered again).
 */
public final class EventLoops {

  private EventLoops() {}

  /**
   * Starts a loop with one daemon thread named {@code fftt-loop-<name>} and registers it.
   *
   * @throws IllegalArgumentException when {@code name} is empty or "default"
   * @throws IllegalStateException when a loop of that name is registered already
   */
  public static EventLoop start(String name) {
    return LoopRegistry.start(name);
  }

  /**
   * Registers an executor the application owns as a loop; {@code ownsThread} tells which threads
   * belong to it (for a single-thread executor: the one thread it runs on).
   *
   * @throws IllegalArgumentException when {@code name} is empty or "default"
   * @throws IllegalStateException when a loop of that name is registered already
   */
  public static EventLoop register(String name, Executor executor, Predicate<Thread> ownsThread) {
    return LoopRegistry.register(name, executor, ownsThread);
  }

  /** The loop the calling thread belongs to, else {@link #defaultLoop()}. The seed's {@code get_qasync_compatible_loop()}. */
  public static EventLoop current() {
    LoopHandle loop = LoopRegistry.ofCurrentThread();
    return loop != null ? loop : LoopRegistry.defaultLoop();
  }

  /** The loop named "default", started on first use. */
  public static EventLoop defaultLoop() {
    return LoopRegistry.defaultLoop();
  }

  /** The loop registered under {@code name} ("swing" is built in when java.desktop is present). */
  public static Optional<EventLoop> named(String name) {
    return Optional.ofNullable(LoopRegistry.find(name));
  }
}
