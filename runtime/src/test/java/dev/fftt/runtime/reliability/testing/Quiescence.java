package dev.fftt.runtime.reliability.testing;

import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.internal.timer.Completions;
import dev.fftt.runtime.internal.timer.TimerWheel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Probes that tell whether the runtime is back at rest: no timer entry left, no completion
 * thread alive, live threads and retained heap back to a starting level. Every wait is bounded
 * (Awaitility, polled in the test's own thread so the probe adds no thread of its own).
 */
public final class Quiescence {

  private Quiescence() {}

  /** Whether the timer holds no entry, linked or waiting to be handed over. */
  public static boolean timerIdle() {
    return TimerWheel.get().pending() == 0 && !TimerWheel.get().handOverPending();
  }

  /** Waits up to {@code max} for {@link #timerIdle()}; fails naming what is left. */
  public static void awaitTimerIdle(Duration max) {
    await("timer entries to drain (pending=" + TimerWheel.get().pending() + ")")
        .pollInSameThread().pollInterval(Duration.ofMillis(10)).atMost(max)
        .until(Quiescence::timerIdle);
  }

  /** Live threads in this JVM (daemon or not), as ThreadMXBean counts them. */
  public static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Live threads that are not the runtime's transient completion threads. */
  public static int liveThreadsBesideCompletions() {
    return liveThreads() - Completions.threads();
  }

  /** The names of the live threads, for failure messages. */
  public static String threadNames() {
    ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
    return Arrays.stream(infos).filter(Objects::nonNull).map(ThreadInfo::getThreadName).sorted()
        .collect(Collectors.joining(", "));
  }

  /** Heap used after full collections: the smallest of three readings, in bytes. */
  public static long heapUsedAfterGc() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /**
   * Waits (up to {@code max}, enough for the completion threads' 10 s keep-alive) until no
   * completion thread is alive and the live threads are at most {@code startLevel}.
   */
  public static void awaitThreadsBackTo(int startLevel, Duration max) {
    await("completion threads to leave and live threads to return to " + startLevel)
        .pollInSameThread().pollInterval(Duration.ofMillis(200)).atMost(max)
        .until(() -> Completions.threads() == 0 && liveThreads() <= startLevel);
  }
}
