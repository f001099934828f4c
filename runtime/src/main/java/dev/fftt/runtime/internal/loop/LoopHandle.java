package dev.fftt.runtime.internal.loop;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Checks;
import dev.fftt.runtime.internal.util.Log;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What every registered loop shares: submit, and the state the stall watchdog keeps about it
 * (the probe, stalls seen, the longest stall and the stack that blocked it). The watchdog thread
 * alone decides when a stall starts and ends; the loop thread only says when a probe ran.
 *
 * <p>Internal; not API, may change without notice.
 */
public abstract class LoopHandle implements EventLoop {

  private final String name;

  // Set once, by the first shutdown: the CAS lets exactly one of two racing shutdown() calls
  // unregister the loop (and queue a SingleThreadLoop's stop). Read by every execute().
  private final AtomicBoolean shutdown = new AtomicBoolean();
  // Whether the watchdog probes this loop: set by watch() (any thread), cleared by the shutdown,
  // read by the watchdog thread each tick. A watch() racing a shutdown may set it on a loop that
  // is already unregistered; harmless, as the watchdog only visits registered loops.
  private volatile boolean watched;
  // The thread that runs the loop, for the stack of a stall: written on that thread (by the probe,
  // by each ExecutorLoop task) or by the constructor of a SingleThreadLoop; read by the watchdog.
  private volatile Thread lastLoopThread;

  // ---- The probe, handed from the watchdog thread to the loop thread and back. ----
  // Owned by the watchdog thread: no other thread reads or writes them.
  private boolean probeOutstanding; // posted, and its run not yet seen
  private long probePostedAt;       // System.nanoTime() when it was posted
  // Written once per probe by the loop thread as the probe runs, read by the watchdog thread.
  // probeRanAt is plain: it is written before the volatile write of probeRan, and the watchdog
  // reads it only after reading probeRan == true, which orders the two. The watchdog clears
  // probeRan before it posts the next probe, and the executor's hand-off orders that clear before
  // the probe's run, so the loop thread never writes probeRanAt while the watchdog reads it.
  private long probeRanAt;
  private volatile boolean probeRan;
  private final Runnable probe = this::probeRan;

  /** How many of a stalled loop thread's innermost frames the exporters get. */
  private static final int TOP_FRAMES_EXPORTED = 10;

  // ---- Stall history. ----
  // Written by the watchdog thread (a stall starts, goes on, ends) and by resetStalls() (any
  // thread); read by any thread making a report. All guarded by stallLock, so a reset never
  // interleaves with the watchdog's read-modify-write of stalls and maxStallNanos, and a report
  // sees one moment. stalledNow is written only by the watchdog, which may read it without the lock.
  private final Object stallLock = new Object();
  private boolean stalledNow;
  private long stalls;
  private long maxStallNanos;
  private long currentStallNanos;
  private long stallThresholdNanos; // the threshold the watchdog used when it last saw a stall
  private StackTraceElement[] stallStack; // the loop thread's stack when the last stall was detected

  // ---- Blocking calls caught on this loop's threads (BlockingCalls, blocking=warn|fail). ----
  // Incremented on the loop's threads, read and reset by any thread: atomic.
  private final AtomicLong blockingCalls = new AtomicLong();
  // "call at site" -> how often (for the issues); written on the loop's
  // threads, read and cleared by any thread. A concurrent map: no lock on the loop thread.
  private final Map<String, AtomicLong> blockingSites = new ConcurrentHashMap<>();

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
    return shutdown.get();
  }

  /** Marks the loop shut down and unregisters it; returns false when it already was. */
  protected final boolean markShutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      return false;
    }
    watched = false;
    LoopRegistry.unregister(this);
    return true;
  }

  /** Starts watching the loop for stalls. */
  final void watch() {
    if (!watched && !shutdown.get()) {
      watched = true;
      StallWatchdog.ensureStarted();
    }
  }

  final boolean watched() {
    return watched;
  }

  // ---- stall watchdog: checkStall runs on its thread, probeRan on the loop thread ----

  /**
   * One watchdog tick: when the outstanding probe has run, ends a stall in progress (measured to
   * the moment the probe ran) and posts the next probe; when it is still waiting after more than
   * {@code thresholdNanos}, the loop is stalled; when there is none, posts one.
   */
  final void checkStall(long now, long thresholdNanos) {
    if (probeOutstanding) {
      if (!probeRan) {
        long waited = now - probePostedAt;
        if (waited > thresholdNanos) {
          stalled(waited, thresholdNanos);
        }
        return;
      }
      probeOutstanding = false;
      if (stalledNow) {
        stallEnded(probeRanAt - probePostedAt);
      }
    }
    probeRan = false;
    probePostedAt = now;
    probeOutstanding = true;
    try {
      execute(probe);
    } catch (RejectedExecutionException e) {
      probeOutstanding = false; // not queued; the next tick tries again
    }
  }

  private void stalled(long waited, long thresholdNanos) {
    boolean starts = !stalledNow;
    StackTraceElement[] stack = null;
    if (starts) {
      Thread thread = loopThread();
      stack = thread == null ? new StackTraceElement[0] : thread.getStackTrace();
    }
    synchronized (stallLock) {
      currentStallNanos = waited;
      stallThresholdNanos = thresholdNanos;
      maxStallNanos = Math.max(maxStallNanos, waited);
      if (starts) {
        stallStack = stack;
        stalls++;
        stalledNow = true;
      }
    }
    if (starts) {
      Log.warn("FFTT: event loop '" + name + "' is stalled: a probe has waited "
          + waited / 1_000_000 + " ms (threshold " + thresholdNanos / 1_000_000 + " ms)"
          + topFrames(stack, 5));
      Exports.loopStallFound(name); // on the watchdog thread, outside stallLock
    }
  }

  private void stallEnded(long waited) {
    StackTraceElement[] stack;
    synchronized (stallLock) {
      maxStallNanos = Math.max(maxStallNanos, waited);
      stalledNow = false;
      currentStallNanos = 0;
      stack = stallStack;
    }
    List<StackTraceElement> top = stack == null ? List.of()
        : Arrays.asList(stack).subList(0, Math.min(stack.length, TOP_FRAMES_EXPORTED));
    Exports.loopStalled(name, waited, top); // on the watchdog thread, outside stallLock
  }

  private void probeRan() {
    lastLoopThread = Thread.currentThread();
    probeRanAt = System.nanoTime();
    probeRan = true;
  }

  /** Records the thread that runs this loop (for loops that know it before any probe). */
  protected final void knownThread(Thread thread) {
    lastLoopThread = thread;
  }

  /**
   * The stall state at one moment. {@code stalledNow} is as of the watchdog's last tick;
   * {@code currentStallNanos} is 0 when not stalled; {@code thresholdNanos} is the threshold the
   * watchdog used when it last saw a stall (0 when it never has); {@code stack} is the loop
   * thread's stack when the last stall was detected (empty when none).
   */
  public record Stalls(boolean stalledNow, long stalls, long maxStallNanos, long currentStallNanos,
      long thresholdNanos, StackTraceElement[] stack) {}

  /** The stall state now, read at one moment. */
  public final Stalls stallState() {
    synchronized (stallLock) {
      StackTraceElement[] stack = stallStack;
      boolean now = stalledNowOrJustEnded();
      return new Stalls(now, stalls, maxStallNanos, now ? currentStallNanos : 0,
          stallThresholdNanos, stack == null ? new StackTraceElement[0] : stack.clone());
    }
  }

  /** Whether a probe was late beyond the threshold at the watchdog's last tick. */
  public final boolean stalledNow() {
    synchronized (stallLock) {
      return stalledNowOrJustEnded();
    }
  }

  /**
   * Whether the loop is stalled now: as of the watchdog's last tick, unless the late probe has run
   * since (the loop is free again; the watchdog records the stall's end at its next tick). Called
   * under stallLock; probeRan is volatile, written by the loop thread.
   */
  private boolean stalledNowOrJustEnded() {
    return stalledNow && !probeRan;
  }

  /** Stalls seen since the last reset. */
  public final long stalls() {
    synchronized (stallLock) {
      return stalls;
    }
  }

  /** The longest stall seen since the last reset, in nanoseconds. */
  public final long maxStallNanos() {
    synchronized (stallLock) {
      return maxStallNanos;
    }
  }

  /** How long the current stall has lasted, in nanoseconds (0 when not stalled). */
  public final long currentStallNanos() {
    return stallState().currentStallNanos();
  }

  /** The loop thread's stack when the last stall was detected (empty when none). */
  public final StackTraceElement[] stallStack() {
    return stallState().stack();
  }

  /** Forgets the stall history (not a stall in progress). */
  public final void resetStalls() {
    synchronized (stallLock) {
      stalls = stalledNow ? 1 : 0;
      maxStallNanos = stalledNow ? currentStallNanos : 0;
      if (!stalledNow) {
        stallStack = null;
      }
    }
  }

  /** A blocking call was caught on this loop's thread (called there, by BlockingCalls). */
  final void blockingCallCaught(String call, String site) {
    blockingCalls.incrementAndGet();
    blockingSites.computeIfAbsent(call + " at " + site, k -> new AtomicLong()).incrementAndGet();
  }

  /** Blocking calls caught on this loop's threads since the last reset. */
  public final long blockingCalls() {
    return blockingCalls.get();
  }

  /** Each distinct "call at site" caught since the last reset, with how often. */
  public final Map<String, Long> blockingSites() {
    Map<String, Long> copy = new TreeMap<>();
    blockingSites.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** Forgets the blocking calls caught. */
  public final void resetBlockingCalls() {
    blockingCalls.set(0);
    blockingSites.clear();
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
    return getClass().getSimpleName() + "[" + name + (shutdown.get() ? ", shut down" : "") + "]";
  }
}
