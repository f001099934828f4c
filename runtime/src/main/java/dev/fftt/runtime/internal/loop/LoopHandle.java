package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Log;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * What every registered loop shares: submit, and the state the stall watchdog keeps about it
 * (the probe, stalls seen, the longest stall and the stack that blocked it).
 *
 * <p>Internal; not API, may change without notice.
 */
public abstract class LoopHandle implements EventLoop {

  private final String name;
  private volatile boolean shutdown;
  private volatile boolean watched;

  // Stall state: written by the watchdog thread and by the probe on the loop thread.
  private volatile long probePostedAt; // 0 when no probe is outstanding
  private volatile Thread lastLoopThread;
  private volatile boolean stalledNow;
  private volatile long stalls;
  private volatile long maxStallNanos;
  private volatile long currentStallNanos;
  private volatile StackTraceElement[] stallStack;
  private final Runnable probe = this::probeRan;

  protected LoopHandle(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> op) {
    Checks.notNull(op, "op");
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      execute(() -> {
        if (result.isDone()) {
          return;
        }
        CompletionStage<T> stage;
        try {
          stage = op.get();
        } catch (Throwable t) {
          result.completeExceptionally(t);
          return;
        }
        if (stage == null) {
          result.completeExceptionally(new NullPointerException(
              "the operation submitted to loop '" + name + "' returned null instead of a future"));
          return;
        }
        if (stage instanceof CompletableFuture) {
          CompletableFuture<T> inner = (CompletableFuture<T>) stage;
          result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
              inner.cancel(true);
            }
          });
        }
        stage.whenComplete((v, e) -> {
          if (e == null) {
            result.complete(v);
          } else {
            result.completeExceptionally(e);
          }
        });
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Tasks submitted and not yet run (as far as this loop can tell). */
  public abstract long pending();

  /** The thread that runs the loop now, or {@code null} when not known yet. */
  protected Thread loopThread() {
    return lastLoopThread;
  }

  /** Whether {@code thread} belongs to this loop. */
  protected abstract boolean owns(Thread thread);

  @Override
  public boolean inLoop() {
    return owns(Thread.currentThread());
  }

  /** Whether the loop has been shut down. */
  public final boolean isShutdown() {
    return shutdown;
  }

  /** Marks the loop shut down and unregisters it; returns false when it already was. */
  protected final boolean markShutdown() {
    if (shutdown) {
      return false;
    }
    shutdown = true;
    watched = false;
    LoopRegistry.unregister(this);
    return true;
  }

  /** Starts watching the loop for stalls. */
  final void watch() {
    if (!watched && !shutdown) {
      watched = true;
      StallWatchdog.ensureStarted();
    }
  }

  final boolean watched() {
    return watched;
  }

  // ---- stall watchdog, called from its thread ----

  /** One watchdog tick: posts a probe, or measures how late the outstanding one is. */
  final void checkStall(long now, long thresholdNanos) {
    long posted = probePostedAt;
    if (posted == 0) {
      probePostedAt = now;
      try {
        execute(probe);
      } catch (RejectedExecutionException e) {
        probePostedAt = 0;
      }
      return;
    }
    long waited = now - posted;
    if (waited <= thresholdNanos) {
      return;
    }
    currentStallNanos = waited;
    if (waited > maxStallNanos) {
      maxStallNanos = waited;
    }
    if (!stalledNow) {
      Thread thread = loopThread();
      stallStack = thread == null ? new StackTraceElement[0] : thread.getStackTrace();
      stalls = stalls + 1;
      stalledNow = true;
      Log.warn("FFTT: event loop '" + name + "' is stalled: a probe has waited "
          + waited / 1_000_000 + " ms" + topFrames(stallStack, 5));
    }
  }

  private void probeRan() {
    long posted = probePostedAt;
    lastLoopThread = Thread.currentThread();
    if (stalledNow && posted != 0) {
      long waited = System.nanoTime() - posted;
      if (waited > maxStallNanos) {
        maxStallNanos = waited;
      }
      stalledNow = false;
      currentStallNanos = 0;
    }
    probePostedAt = 0;
  }

  /** Records the thread that runs this loop (for loops that know it before any probe). */
  protected final void knownThread(Thread thread) {
    lastLoopThread = thread;
  }

  /** Whether a probe is late beyond the threshold right now. */
  public final boolean stalledNow() {
    return stalledNow;
  }

  /** Stalls seen since the last reset. */
  public final long stalls() {
    return stalls;
  }

  /** The longest stall seen since the last reset, in nanoseconds. */
  public final long maxStallNanos() {
    return maxStallNanos;
  }

  /** How long the current stall has lasted, in nanoseconds (0 when not stalled). */
  public final long currentStallNanos() {
    return stalledNow ? currentStallNanos : 0;
  }

  /** The loop thread's stack when the last stall was detected (empty when none). */
  public final StackTraceElement[] stallStack() {
    StackTraceElement[] s = stallStack;
    return s == null ? new StackTraceElement[0] : s.clone();
  }

  /** Forgets the stall history (not a stall in progress). */
  public final void resetStalls() {
    stalls = stalledNow ? 1 : 0;
    maxStallNanos = stalledNow ? currentStallNanos : 0;
    if (!stalledNow) {
      stallStack = null;
    }
  }

  /** The top {@code n} frames as indented lines, for messages. */
  public static String topFrames(StackTraceElement[] stack, int n) {
    if (stack == null || stack.length == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (StackTraceElement frame : Arrays.copyOf(stack, Math.min(n, stack.length))) {
      b.append("\n    at ").append(frame);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + (shutdown ? ", shut down" : "") + "]";
  }
}
