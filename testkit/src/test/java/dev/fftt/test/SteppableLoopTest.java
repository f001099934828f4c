package dev.fftt.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fftt.agent.junit.FfttExtension;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoops;
import dev.fftt.test.fixtures.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Steppable loops: nothing runs until stepped; woven bodies and completions queue there. */
@ExtendWith({FfttExtension.class, FfttTestExtension.class})
class SteppableLoopTest {

  @Test
  void runsNothingUntilSteppedThenRunsOnTheSteppingThread(FfttTestKit kit) {
    SteppableLoop ui = kit.loop("ui");
    List<String> log = new ArrayList<>();
    ui.execute(() -> log.add("a " + ui.inLoop()));
    ui.execute(() -> log.add("b " + (Thread.currentThread() == testThread())));

    assertThat(log).isEmpty();
    assertThat(ui.queued()).isEqualTo(2);
    assertThat(ui.inLoop()).isFalse();

    assertThat(ui.runNext()).isTrue();
    assertThat(log).containsExactly("a true");
    assertThat(ui.queued()).isEqualTo(1);
    assertThat(ui.runPending()).isEqualTo(1);
    assertThat(log).containsExactly("a true", "b true");
    assertThat(ui.runNext()).isFalse();
    assertThat(ui.inLoop()).isFalse();
  }

  private final Thread testThread = Thread.currentThread();

  private Thread testThread() {
    return testThread;
  }

  @Test
  void isTheRegisteredLoopOfItsNameAndIsNeverWatched(FfttTestKit kit) {
    SteppableLoop ui = kit.loop("ui");
    assertThat(EventLoops.named("ui")).containsSame(ui);
    assertThat(kit.loop("ui")).isSameAs(ui);
    ui.execute(() -> { });
    assertThat(Diagnostics.healthReport().toJson()).contains("\"name\":\"ui\",\"pending\":1");
  }

  @Test
  void aRunOnBodyWaitsInTheLoopUntilStepped(FfttTestKit kit) {
    SteppableLoop ui = kit.loop("ui");
    Backend backend = new Backend(kit.clock()::nanoTime);
    CompletableFuture<String> call = backend.onUiLoop();

    assertThat(backend.bodyRuns).isEmpty();
    assertThat(ui.queued()).isEqualTo(1);
    ui.runNext();
    assertThat(backend.onUi).containsExactly(true);
    backend.body(0).complete("done");
    assertThat(call).isCompletedWithValue("done");
  }

  @Test
  void completionsOfACallMadeOnTheLoopHopOntoIt(FfttTestKit kit) {
    SteppableLoop ui = kit.loop("ui");
    Backend backend = new Backend(kit.clock()::nanoTime);
    AtomicReference<CompletableFuture<String>> call = new AtomicReference<>();
    List<Boolean> seenInLoop = new ArrayList<>();
    ui.execute(() -> call.set(backend.hopping()
        .whenComplete((v, e) -> seenInLoop.add(ui.inLoop()))));
    ui.runNext();

    backend.body(0).complete("value"); // completed here, outside the loop
    assertThat(call.get()).as("waits for the loop").isNotDone();
    assertThat(ui.queued()).isEqualTo(1);
    ui.runNext();
    assertThat(call.get()).isCompletedWithValue("value");
    assertThat(seenInLoop).containsExactly(true);

    // and a timeout, fired by advanceBy, hops there too
    ui.execute(() -> call.set(backend.hopping()
        .whenComplete((v, e) -> seenInLoop.add(ui.inLoop()))));
    ui.runNext();
    kit.clock().advanceBy(Duration.ofMillis(500));
    assertThat(call.get()).isNotDone();
    ui.runPending();
    assertThat(catchThrowable(call.get()::join)).cause().isInstanceOf(AsyncTimeoutException.class);
    assertThat(seenInLoop).containsExactly(true, true);
  }

  @Test
  void runPendingFailsClearlyOnATaskThatRequeuesItselfForEver(FfttTestKit kit) {
    SteppableLoop ui = kit.loop("ui");
    AtomicInteger runs = new AtomicInteger();
    Runnable[] again = new Runnable[1];
    again[0] = () -> {
      runs.incrementAndGet();
      ui.execute(again[0]);
    };
    ui.execute(again[0]);

    assertThatThrownBy(ui::runPending).isInstanceOf(IllegalStateException.class)
        .hasMessage("steppable loop 'ui' ran 10000 tasks in one runPending() and still has 1"
            + " queued: a task keeps queueing more (e.g. one that re-submits itself); step it with"
            + " runNext() instead");
    assertThat(runs).hasValue(10_000);
  }
}
