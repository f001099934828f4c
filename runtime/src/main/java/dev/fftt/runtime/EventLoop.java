package dev.fftt.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A named event loop: an executor whose tasks run on threads that belong to it (one thread for a
 * loop made by {@link EventLoops#start}, the event dispatch thread for "swing"). Registered loops
 * are watched for stalls. Implementations are thread-safe.
 */
public interface EventLoop {

  /** The name it is registered under. */
  String name();

  /** Whether the calling thread belongs to this loop. */
  boolean inLoop();

  /**
   * Runs {@code task} on the loop, later, in submission order for single-thread loops.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the loop has been shut down
   */
  void execute(Runnable task);

  /**
   * Runs {@code op} on the loop and returns a future that completes as the stage it returns does.
   * A throw or a {@code null} from {@code op}, or a loop that rejects the task, fails the future
   * instead; cancelling the future cancels the stage when it is a {@link CompletableFuture}.
   */
  <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> op);

  /**
   * Unregisters the loop and stops watching it. A loop made by {@link EventLoops#start} also stops
   * its thread after the tasks already queued; for a registered executor, the executor itself is
   * left to its owner.
   */
  void shutdown();
}
