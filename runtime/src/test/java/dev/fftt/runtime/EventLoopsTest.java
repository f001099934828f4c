package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLoopsTest {

  @Test
  void startRunsTasksOnOneDaemonThreadNamedAfterTheLoop() throws Exception {
    EventLoop loop = EventLoops.start("t-start");
    try {
      CompletableFuture<Thread> thread = loop.submit(() ->
          CompletableFuture.completedFuture(Thread.currentThread()));
      Thread t = thread.get(5, TimeUnit.SECONDS);
      assertThat(t.getName()).isEqualTo("fftt-loop-t-start");
      assertThat(t.isDaemon()).isTrue();
      assertThat(loop.inLoop()).isFalse();
      assertThat(loop.submit(() -> CompletableFuture.completedFuture(loop.inLoop())).join()).isTrue();
      assertThat(loop.submit(() -> CompletableFuture.completedFuture(EventLoops.current())).join())
          .isSameAs(loop);
      assertThat(EventLoops.named("t-start")).containsSame(loop);
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void aNameCanBeRegisteredOnceAndDefaultIsReserved() {
    EventLoop loop = EventLoops.start("t-twice");
    try {
      assertThatThrownBy(() -> EventLoops.start("t-twice"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("'t-twice'");
      assertThatThrownBy(() -> EventLoops.start("default"))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void shutdownUnregistersAndRejectsNewTasks() {
    EventLoop loop = EventLoops.start("t-shutdown");
    loop.shutdown();

    assertThat(EventLoops.named("t-shutdown")).isEmpty();
    assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    assertThat(loop.submit(() -> CompletableFuture.completedFuture(1))).isCompletedExceptionally();
  }

  @Test
  void currentOutsideAnyLoopIsTheDefaultLoop() {
    EventLoop current = EventLoops.current();

    assertThat(current.name()).isEqualTo("default");
    assertThat(current).isSameAs(EventLoops.defaultLoop());
    assertThat(EventLoops.named("default")).containsSame(current);
  }

  @Test
  void registerWrapsAnApplicationExecutor() throws Exception {
    AtomicReference<Thread> owner = new AtomicReference<>();
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "app-loop");
      t.setDaemon(true);
      owner.set(t);
      return t;
    });
    EventLoop loop = EventLoops.register("t-app", executor, t -> t == owner.get());
    try {
      String name = loop.submit(() -> CompletableFuture.completedFuture(
          Thread.currentThread().getName() + ":" + EventLoops.current().name())).get(5, TimeUnit.SECONDS);
      assertThat(name).isEqualTo("app-loop:t-app");
    } finally {
      loop.shutdown();
      executor.shutdownNow();
    }
  }

  @Test
  void swingIsBuiltInAndWorksHeadless() throws Exception {
    System.setProperty("java.awt.headless", "true");
    EventLoop swing = EventLoops.named("swing").orElseThrow();

    String where = swing.submit(() -> CompletableFuture.completedFuture(
        Thread.currentThread().getName() + ":" + java.awt.EventQueue.isDispatchThread()
            + ":" + EventLoops.current().name())).get(10, TimeUnit.SECONDS);

    assertThat(where).startsWith("AWT-EventQueue").endsWith(":true:swing");
    assertThat(swing.inLoop()).isFalse();
  }

  @Test
  void submitTurnsAThrowOrNullIntoAFailure() {
    EventLoop loop = EventLoops.start("t-submit");
    try {
      CompletableFuture<Object> thrown = loop.submit(() -> {
        throw new IllegalStateException("x");
      });
      CompletableFuture<Object> nothing = loop.submit(() -> null);
      await().atMost(Duration.ofSeconds(5)).until(() -> thrown.isDone() && nothing.isDone());
      assertThatThrownBy(thrown::join).hasCauseInstanceOf(IllegalStateException.class);
      assertThatThrownBy(nothing::join).hasCauseInstanceOf(NullPointerException.class);
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void runOnRunsTheBodyOnTheLoopAndTheHopReturnsToTheCallersLoop() throws Exception {
    EventLoop processing = EventLoops.start("t-processing");
    EventLoop ui = EventLoops.start("t-ui");
    try {
      GuardPolicy policy = GuardPolicy.builder("Hop.work").runOn("t-processing")
          .loopCompatible(true).build();
      AtomicReference<String> bodyThread = new AtomicReference<>();
      AtomicReference<String> callbackThread = new AtomicReference<>();

      ui.execute(() -> Guard.call(policy, () -> {
        bodyThread.set(Thread.currentThread().getName());
        // completes later, on another thread than either loop
        return CompletableFuture.supplyAsync(() -> "done",
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
      }).thenAccept(v -> callbackThread.set(Thread.currentThread().getName())));

      await().atMost(Duration.ofSeconds(5)).until(() -> callbackThread.get() != null);
      assertThat(bodyThread.get()).isEqualTo("fftt-loop-t-processing");
      assertThat(callbackThread.get()).isEqualTo("fftt-loop-t-ui");
    } finally {
      processing.shutdown();
      ui.shutdown();
    }
  }

  @Test
  void withoutTheHopTheFutureCompletesOnTheThreadThatCompletedTheWork() throws Exception {
    EventLoop ui = EventLoops.start("t-nohop");
    try {
      GuardPolicy policy = GuardPolicy.builder("NoHop.work").build();
      AtomicReference<String> callbackThread = new AtomicReference<>();
      CompletableFuture<String> work = new CompletableFuture<>();

      ui.execute(() -> Guard.call(policy, () -> work)
          .thenAccept(v -> callbackThread.set(Thread.currentThread().getName())));
      await().atMost(Duration.ofSeconds(5)).until(() -> ui.submit(
          () -> CompletableFuture.completedFuture(true)).join());
      Thread completer = new Thread(() -> work.complete("x"), "completer");
      completer.start();
      completer.join(5_000);

      await().atMost(Duration.ofSeconds(5)).until(() -> callbackThread.get() != null);
      assertThat(callbackThread.get()).isEqualTo("completer");
    } finally {
      ui.shutdown();
    }
  }

  @Test
  void runOnFromTheLoopItselfRunsInline() {
    EventLoop loop = EventLoops.start("t-inline");
    try {
      GuardPolicy policy = GuardPolicy.builder("Inline.work").runOn("t-inline").loopCompatible(true).build();
      String thread = loop.submit(() -> Guard.call(policy,
          () -> CompletableFuture.completedFuture(Thread.currentThread().getName()))).join();
      assertThat(thread).isEqualTo("fftt-loop-t-inline");
    } finally {
      loop.shutdown();
    }
  }
}
