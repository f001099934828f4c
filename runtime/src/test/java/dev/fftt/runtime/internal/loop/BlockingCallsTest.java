package dev.fftt.runtime.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.BlockingCallError;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import example.blocking.UserCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The run-time check without the agent: the entry that a rewritten {@code Thread.sleep(long)} call
 * site makes ({@link BlockingCalls#sleep}), called from this class on loop threads and others.
 * (The JDK entries, the EDT, attach and Java 25 are the agent's {@code BlockingCallsIT}.)
 */
@Isolated // the mode is JVM-wide
class BlockingCallsTest {

  private final List<EventLoop> loops = new ArrayList<>();

  @AfterEach
  void off() {
    BlockingCalls.configure(BlockingCalls.OFF, List.of(), Set.of(), Set.of());
    loops.forEach(EventLoop::shutdown);
  }

  private EventLoop start(String name) {
    EventLoop loop = EventLoops.start(name);
    loops.add(loop);
    return loop;
  }

  private static long caught(String loop) {
    return Diagnostics.loop(loop).orElseThrow().blockingCalls();
  }

  static CompletableFuture<Void> onLoop(EventLoop loop, Runnable r) {
    return loop.submit(() -> {
      r.run();
      return CompletableFuture.completedFuture(null);
    });
  }

  @Test
  void warnCountsEachCallOnALoopThreadOnlyAndNamesCallAndSite() throws Exception {
    BlockingCalls.configure(BlockingCalls.WARN, List.of(), Set.of(), Set.of());
    EventLoop loop = start("bc-warn");
    for (int i = 0; i < 3; i++) {
      onLoop(loop, UserCode::sleepy).get(10, TimeUnit.SECONDS);
    }
    UserCode.sleepy(); // the test's thread is no loop's

    assertThat(caught("bc-warn")).isEqualTo(3);
    LoopHandle handle = LoopRegistry.find("bc-warn");
    assertThat(handle.blockingSites()).containsOnlyKeys(
        "Thread.sleep at example.blocking.UserCode.sleepy(UserCode.java:17)");
    String json = Diagnostics.healthReport().toJson();
    // (the first warning starts the test's logging backend on the loop: it may stall once)
    assertThat(json).containsPattern("\\{\"name\":\"bc-warn\",\"pending\":0,\"stalls\":[01],"
        + "\"maxStallMillis\":[0-9.]+,\"blockingCalls\":3}");
    assertThat(Diagnostics.healthReport().issues()).contains("event loop 'bc-warn' made 3"
        + " blocking call(s) on its thread: Thread.sleep at"
        + " example.blocking.UserCode.sleepy(UserCode.java:17) (3x); compose the future instead of waiting, or"
        + " move the call to another executor");

    Diagnostics.reset();
    assertThat(caught("bc-warn")).isZero();
    assertThat(handle.blockingSites()).isEmpty();
  }

  @Test
  void offCountsNothingAndEveryLoopHasTheField() throws Exception {
    EventLoop loop = start("bc-off");
    onLoop(loop, UserCode::sleepy).get(10, TimeUnit.SECONDS);
    assertThat(caught("bc-off")).isZero();
    assertThat(Diagnostics.healthReport().toJson()).contains("\"name\":\"bc-off\",\"pending\":0,"
        + "\"stalls\":0,\"maxStallMillis\":0.0,\"blockingCalls\":0}");
  }

  @Test
  void failThrowsBeforeBlockingAndTheLoopGoesOn() throws Exception {
    BlockingCalls.configure(BlockingCalls.FAIL, List.of(), Set.of(), Set.of());
    EventLoop loop = start("bc-fail");
    CompletableFuture<Void> forever = onLoop(loop, UserCode::sleepForever);

    assertThatThrownBy(() -> forever.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(BlockingCallError.class)
        .hasMessage("blocking call Thread.sleep on event loop 'bc-fail' at"
            + " example.blocking.UserCode.sleepForever(UserCode.java:26): it would hold the loop's"
            + " thread; compose the future instead of waiting for it, or run the call on another"
            + " executor (or allow it with blocking.allow=<class>#<method>)")
        .satisfies(e -> {
          BlockingCallError error = (BlockingCallError) e;
          assertThat(error.call()).isEqualTo("Thread.sleep");
          assertThat(error.loop()).isEqualTo("bc-fail");
        });
    assertThat(loop.submit(() -> CompletableFuture.completedFuture("next")).get(10,
        TimeUnit.SECONDS)).isEqualTo("next");
    assertThat(caught("bc-fail")).isEqualTo(1);
  }

  @Test
  void anAllowedFrameAnywhereOnTheStackPasses() throws Exception {
    BlockingCalls.configure(BlockingCalls.FAIL,
        List.of("example.blocking.UserCode#allowedCaller"), Set.of(), Set.of());
    EventLoop loop = start("bc-allow");
    onLoop(loop, UserCode::allowedCaller).get(10, TimeUnit.SECONDS);
    assertThat(caught("bc-allow")).isZero();

    BlockingCalls.configure(BlockingCalls.FAIL, List.of("example.blocking.UserCode"),
        Set.of(), Set.of());
    onLoop(loop, UserCode::sleepy).get(10, TimeUnit.SECONDS);
    assertThat(caught("bc-allow")).isZero();
  }

  @Test
  void aRegisteredExecutorsThreadIsALoopThreadOnceItRanATaskOfTheLoop() throws Exception {
    BlockingCalls.configure(BlockingCalls.WARN, List.of(), Set.of(), Set.of());
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "bc-reg-0"));
    try {
      EventLoop loop = EventLoops.register("bc-registered", pool,
          t -> t.getName().equals("bc-reg-0"));
      loops.add(loop);
      onLoop(loop, UserCode::sleepy).get(10, TimeUnit.SECONDS);
      pool.submit(UserCode::sleepy).get(10, TimeUnit.SECONDS); // not through the loop
      assertThat(caught("bc-registered")).isEqualTo(2);

      // a thread of the same pool that ownsThread disowns is not checked
      EventLoop other = EventLoops.register("bc-disowned", pool, t -> false);
      loops.add(other);
      onLoop(other, UserCode::sleepy).get(10, TimeUnit.SECONDS);
      assertThat(caught("bc-disowned")).isZero();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void classifyAllowsFfttFramesAndNamesAGivenCallAtTheFirstOtherFrame() {
    List<StackWalker.StackFrame> frames = new ArrayList<>();
    StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).forEach(frames::add);
    // the top frame is this test, in an FFTT package: FFTT's own code may block
    assertThat(BlockingCalls.classify(frames, "Thread.sleep", "")).isNull();
    assertThat(BlockingCalls.isFftt("dev.fftt.runtime.internal.loop.SingleThreadLoop")).isTrue();
    assertThat(BlockingCalls.isFftt("dev.fftt.micrometer.FfttMetrics")).isTrue();
    assertThat(BlockingCalls.isFftt("dev.fftt.samples.agent.UiController")).isFalse();
    assertThat(BlockingCalls.isFftt("dev.fftt.agent.it.app.BlockingScenarios")).isFalse();
    assertThat(BlockingCalls.display("java.util.concurrent.locks.AbstractQueuedSynchronizer"
        + "$ConditionObject", "await")).isEqualTo("AbstractQueuedSynchronizer.ConditionObject.await");
  }
}
