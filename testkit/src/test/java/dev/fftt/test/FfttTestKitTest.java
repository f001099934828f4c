package dev.fftt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fftt.agent.junit.FfttExtension;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.internal.timer.Timers;
import dev.fftt.runtime.internal.util.Ticks;
import dev.fftt.test.fixtures.Backend;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit's life cycle, driven by hand (no FfttTestExtension): install, runUntilIdle, close. */
@ExtendWith(FfttExtension.class)
class FfttTestKitTest {

  @AfterEach
  void noKitLeftBehind() {
    assertThat(Ticks.isVirtual()).as("the real clock is back").isFalse();
    assertThat(Timers.virtual()).as("the real timer is back").isNull();
  }

  @Test
  void aSecondInstallFailsWithAClearMessage() {
    try (FfttTestKit kit = FfttTestKit.install()) {
      assertThatThrownBy(FfttTestKit::install).isInstanceOf(IllegalStateException.class)
          .hasMessage("an FfttTestKit is installed already (by thread '"
              + Thread.currentThread().getName() + "'); close it before installing another"
              + " (try-with-resources), or let FfttTestExtension install one per test: it keeps"
              + " the tests that use it from running at the same time");
      assertThat(kit.clock().nanoTime()).isEqualTo(kit.clock().nanoTime());
    }
    FfttTestKit.install().close(); // and once closed, a new one installs
  }

  @Test
  void closeFailsCallsWaitingOnAVirtualTimerWithCancellationAndRestoresTheRealClock() throws Exception {
    CompletableFuture<String> waitingOnTimeout;
    CompletableFuture<String> waitingOnPause;
    Backend backend;
    try (FfttTestKit kit = FfttTestKit.install()) {
      backend = new Backend(kit.clock()::nanoTime);
      waitingOnTimeout = backend.fetch();
      Backend failing = new Backend(kit.clock()::nanoTime);
      failing.failFirst = 1;
      waitingOnPause = failing.retrying(); // failed at once: waits 100 ms for its retry
      assertThat(kit.clock().pendingTimers()).isEqualTo(2);
      assertThat(Diagnostics.operation("kit_fetch")).get()
          .satisfies(s -> assertThat(s.inFlight()).isEqualTo(1));
    }
    assertThat(catchThrowable(waitingOnTimeout::join)).isInstanceOf(CancellationException.class);
    assertThat(catchThrowable(waitingOnPause::join)).isInstanceOf(CancellationException.class);
    assertThat(backend.body(0)).as("the attempt in flight is cancelled too").isCancelled();
    assertThat(Diagnostics.operation("kit_fetch").map(s -> s.calls()).orElse(0L))
        .as("diagnostics reset").isZero();

    // real time again: a real timeout fires on the runtime's own threads
    CompletableFuture<String> real = Async.withTimeout(new CompletableFuture<>(), Duration.ofMillis(20));
    assertThat(catchThrowable(() -> real.get(10, TimeUnit.SECONDS)))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AsyncTimeoutException.class);
  }

  @Test
  void closeDropsQueuedLoopTasksAndUnregistersItsLoops() {
    AtomicInteger ran = new AtomicInteger();
    SteppableLoop ui;
    FfttTestKit kit = FfttTestKit.install();
    try {
      ui = kit.loop("ui");
      ui.execute(ran::incrementAndGet);
    } finally {
      kit.close();
    }
    kit.close(); // twice: nothing more

    assertThat(ran).hasValue(0);
    assertThat(ui.queued()).isZero();
    assertThat(EventLoops.named("ui")).isEmpty();
    assertThatThrownBy(() -> ui.execute(ran::incrementAndGet))
        .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("'ui'");
    assertThatThrownBy(ui::runNext).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test kit was closed");
    assertThatThrownBy(() -> kit.clock().advanceBy(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("has been closed");
  }

  @Test
  void advanceByRefusesToGoBack() {
    try (FfttTestKit kit = FfttTestKit.install()) {
      assertThatThrownBy(() -> kit.clock().advanceBy(Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("advanceBy(PT-0.001S): the virtual clock only moves forward; pass a"
              + " duration of zero or more");
    }
  }

  @Test
  void runUntilIdleRunsLoopsAndTimersToTheEnd() {
    try (FfttTestKit kit = FfttTestKit.install()) {
      SteppableLoop ui = kit.loop("ui");
      Backend backend = new Backend(kit.clock()::nanoTime);
      backend.failFirst = 2;
      long t0 = kit.clock().nanoTime();
      CompletableFuture<String> retrying = backend.retrying(); // fails, 100 ms, fails, 100 ms, hangs 2 s
      Backend other = new Backend(kit.clock()::nanoTime);
      CompletableFuture<String> onUi = other.onUiLoop();        // queued on ui

      kit.runUntilIdle();

      assertThat(catchThrowable(retrying::join)).cause().isInstanceOf(AsyncTimeoutException.class);
      assertThat(backend.bodyRuns).containsExactly(t0, t0 + 100_000_000L, t0 + 200_000_000L);
      assertThat(other.bodyRuns).as("the loop's task ran first, at t0").containsExactly(t0);
      assertThat(other.onUi).containsExactly(true);
      assertThat(onUi).isNotDone(); // its body's future is the test's to complete
      assertThat(kit.clock().nanoTime() - t0).isEqualTo(2_200_000_000L);
      assertThat(kit.clock().pendingTimers()).isZero();
      assertThat(ui.queued()).isZero();
    }
  }

  @Test
  void runUntilIdleFailsClearlyOnALivelock() {
    try (FfttTestKit kit = FfttTestKit.install()) {
      Backend backend = new Backend(kit.clock()::nanoTime);
      backend.failFirst = Integer.MAX_VALUE;
      CompletableFuture<String> endless = backend.endless(); // a million retries, 1 ms apart

      assertThatThrownBy(kit::runUntilIdle).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("runUntilIdle() gave up after 10000 steps with work still left:")
          .hasMessageContaining("10000 timers fired (1 pending now, virtual time moved PT10S)")
          .hasMessageContaining("a retry without end");
      assertThat(endless).isNotDone();
    }
  }

  @Test
  void runUntilIdleNamesTheLoopThatKeptItBusy() {
    try (FfttTestKit kit = FfttTestKit.install()) {
      SteppableLoop ui = kit.loop("ui");
      Runnable[] again = new Runnable[1];
      again[0] = () -> ui.execute(again[0]);
      ui.execute(again[0]);

      assertThatThrownBy(kit::runUntilIdle).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("; loop 'ui' ran 10000 tasks (1 queued now)");
    }
  }

  @Test
  void twoHundredKitsCostLittleWallTimeWithoutJUnitAround() {
    try (FfttTestKit warm = FfttTestKit.install()) {
      new Backend(warm.clock()::nanoTime).fetch(); // loads and weaves the fixture outside the timing
    }
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      try (FfttTestKit kit = FfttTestKit.install()) {
        Backend backend = new Backend(kit.clock()::nanoTime);
        backend.failFirst = 2;
        CompletableFuture<String> call = backend.retrying();
        kit.clock().advanceBy(Duration.ofMillis(200));
        kit.clock().advanceBy(Duration.ofSeconds(2));
        assertThat(call).isCompletedExceptionally();
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("FFTT test kit: 200 install/retry/timeout/close cycles without JUnit around"
        + " them took " + millis + " ms of wall time");
    assertThat(millis).isLessThan(5000);
  }
}
