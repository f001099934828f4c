package dev.fftt.test;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.internal.loop.LoopRegistry;
import dev.fftt.runtime.internal.timer.VirtualTimer;
import dev.fftt.runtime.internal.util.Jitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Virtual time for the FFTT runtime, process-wide, for tests: while installed, every timeout,
 * retry pause, breaker delay and latency reading uses its {@link VirtualClock}, which moves only
 * when the test moves it, and the test's thread is the runtime's timer and completion pool.
 *
 * <pre>{@code
 * try (FfttTestKit kit = FfttTestKit.install()) {
 *   CompletableFuture<String> call = client.fetch();       // @WithTimeout(2 s)
 *   kit.clock().advanceBy(Duration.ofSeconds(2));          // the timeout fires here, on this thread
 *   assertThat(call).isCompletedExceptionally();
 * }
 * }</pre>
 *
 * <p>One kit at a time: {@link #install()} while another is installed throws. With JUnit 5, use
 * {@link FfttTestExtension}, which installs one per test and keeps such tests from overlapping.
 * Works the same for woven methods (agent or build-time weaving) and for {@code Async.*}.
 */
public final class FfttTestKit implements AutoCloseable {

  /** The step limit of {@link #runUntilIdle()}. */
  public static final int MAX_IDLE_STEPS = 10_000;

  // The installed kit, or null: read and written under the class lock only.
  private static FfttTestKit active;

  private final VirtualTimer timer;
  private final VirtualClock clock;
  private final Thread installer;
  // The loops this kit made, in order: guarded by this kit's lock (any thread may make one).
  private final List<KitLoop> loops = new ArrayList<>();
  // Set once by close(), under this kit's lock (so two closes race to one); read by any thread.
  private volatile boolean closed;

  private FfttTestKit(VirtualTimer timer) {
    this.timer = timer;
    this.clock = new VirtualClock(timer, this);
    this.installer = Thread.currentThread();
  }

  /**
   * Installs a kit: from now until {@link #close()}, the runtime's clock, timer and completion
   * pool are virtual. Resets {@code Diagnostics} so the test starts from zero counts and closed
   * breakers. The clock starts at the real {@link System#nanoTime()} of this moment.
   *
   * @throws IllegalStateException when a kit is installed already
   */
  public static synchronized FfttTestKit install() {
    if (active != null) {
      throw new IllegalStateException("an FfttTestKit is installed already (by thread '"
          + active.installer.getName() + "'); close it before installing another (try-with-"
          + "resources), or let FfttTestExtension install one per test: it keeps the tests that"
          + " use it from running at the same time");
    }
    VirtualTimer timer = new VirtualTimer(System.nanoTime());
    timer.install();
    FfttTestKit kit = new FfttTestKit(timer);
    active = kit;
    Diagnostics.reset();
    return kit;
  }

  /** The kit's virtual clock (the same object on every call). */
  public VirtualClock clock() {
    return clock;
  }

  /**
   * Registers a {@link SteppableLoop} under {@code name} (found by {@code EventLoops.named} and by
   * {@code @LoopCompatible(runOn = name)}), or returns the one this kit registered under that
   * name already. It is unregistered when the kit closes.
   *
   * @throws IllegalArgumentException when {@code name} is empty or "default"
   * @throws IllegalStateException when another loop of that name is registered, or the kit is closed
   */
  public SteppableLoop loop(String name) {
    Objects.requireNonNull(name, "name");
    checkOpen();
    synchronized (loops) {
      for (KitLoop l : loops) {
        if (l.name().equals(name)) {
          return l;
        }
      }
      KitLoop loop = new KitLoop(name);
      LoopRegistry.registerUnwatched(loop);
      loops.add(loop);
      return loop;
    }
  }

  /**
   * Makes retry jitter deterministic: pauses are spread by a generator seeded with {@code seed},
   * so the same test computes the same pauses on every run. Returns this kit.
   */
  public FfttTestKit seed(long seed) {
    checkOpen();
    Jitter.use(new Random(seed));
    return this;
  }

  /**
   * Runs everything until nothing is left to do: the work handed to the completion pool, the
   * tasks of this kit's loops (one at a time, loop by loop), and when all is quiet, jumps the
   * clock to the next pending timer and fires it; repeats until no task is queued and no timer is
   * pending. A call whose future waits on work outside the kit (another thread) is left waiting.
   *
   * @throws IllegalStateException after {@value #MAX_IDLE_STEPS} steps (a task run or a timer
   *     fired) with work still left, naming what kept it busy; or when the kit is closed
   */
  public void runUntilIdle() {
    checkOpen();
    long startNanos = timer.nanoTime();
    int completions = 0;
    int timersFired = 0;
    List<KitLoop> mine;
    synchronized (loops) {
      mine = List.copyOf(loops);
    }
    long[] ranBefore = new long[mine.size()];
    for (int i = 0; i < mine.size(); i++) {
      ranBefore[i] = mine.get(i).ran();
    }
    int steps = 0;
    while (steps < MAX_IDLE_STEPS) {
      int ran = timer.runQueued();
      completions += ran;
      steps += ran;
      boolean loopRan = false;
      for (KitLoop l : mine) {
        if (steps < MAX_IDLE_STEPS && l.runNext()) {
          loopRan = true;
          steps++;
        }
      }
      if (ran > 0 || loopRan) {
        continue;
      }
      OptionalLong next = timer.nextDeadline();
      if (next.isEmpty()) {
        return; // idle: no hand-off, no loop task, no timer
      }
      timersFired += timer.advanceTo(Math.max(next.getAsLong(), timer.nanoTime()));
      steps++;
    }
    if (timer.queuedTasks() == 0 && timer.nextDeadline().isEmpty()
        && mine.stream().allMatch(l -> l.queued() == 0)) {
      return; // the last step finished the work
    }
    StringBuilder busy = new StringBuilder();
    for (int i = 0; i < mine.size(); i++) {
      KitLoop l = mine.get(i);
      busy.append("; loop '").append(l.name()).append("' ran ").append(l.ran() - ranBefore[i])
          .append(" tasks (").append(l.queued()).append(" queued now)");
    }
    throw new IllegalStateException("runUntilIdle() gave up after " + MAX_IDLE_STEPS
        + " steps with work still left: " + completions + " completion hand-offs ran ("
        + timer.queuedTasks() + " queued now); " + timersFired + " timers fired ("
        + timer.pendingTimers() + " pending now, virtual time moved "
        + Duration.ofNanos(timer.nanoTime() - startNanos) + ")" + busy
        + ". Something keeps making work: a task that queues itself again, a retry without end"
        + " or a timer that reschedules itself; step with runNext()/advanceBy() to see it");
  }

  /**
   * Ends the kit: every call still waiting on a virtual timer (a timeout or a retry pause) fails
   * with a {@code CancellationException}; tasks still queued on its loops are dropped and the
   * loops unregistered; the real clock, timer and jitter come back; {@code Diagnostics} is reset.
   * Closing twice does nothing the second time.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // Outside any lock: the calls cancelled here run their callers' callbacks on this thread.
    try {
      timer.close();
    } finally {
      synchronized (loops) {
        for (KitLoop l : loops) {
          l.shutdown();
        }
        loops.clear();
      }
      Jitter.use(null);
      Diagnostics.reset();
      synchronized (FfttTestKit.class) {
        active = null; // last: the next kit cannot install before this one is fully gone
      }
    }
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this FfttTestKit has been closed; install a new one");
    }
  }

  @Override
  public String toString() {
    return "FfttTestKit[" + (closed ? "closed" : clock) + "]";
  }
}
