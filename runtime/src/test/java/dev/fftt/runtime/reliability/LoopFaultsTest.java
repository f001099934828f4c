package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A runOn loop that rejects work, or is shut down while a call is on it: the call ends with the
 * documented outcome (the rejection, the body's own result, a failure naming the loop, or the
 * timeout when an application executor silently drops the task), counted once, no timer left.
 */
class LoopFaultsTest {

  private static OperationStats stats(String name) {
    return Monitors.get(name).stats();
  }

  @Test
  void aLoopWhoseExecutorRejectsFailsTheCallWithTheRejectionAndTheAppGoesOn() {
    EventLoop loop = EventLoops.register("rel-rejecting", task -> {
      throw new RejectedExecutionException("rel-rejecting is full");
    }, t -> false);
    try {
      String name = "rel.loop.rejecting";
      GuardPolicy policy = GuardPolicy.builder("Loop.rejecting").monitor(name)
          .runOn("rel-rejecting").build();
      AtomicInteger bodies = new AtomicInteger();

      for (int i = 0; i < 3; i++) {
        CompletableFuture<String> result = Guard.call(policy, () -> {
          bodies.incrementAndGet();
          return CompletableFuture.completedFuture("ran");
        });
        assertThatThrownBy(result::join).cause().isInstanceOf(RejectedExecutionException.class)
            .hasMessage("rel-rejecting is full");
      }

      assertThat(bodies).hasValue(0);
      OperationStats s = stats(name);
      assertThat(s.failures()).isEqualTo(3);
      assertThat(s.calls()).isEqualTo(3);
      assertThat(s.inFlight()).isZero();
      assertThat(Diagnostics.healthReport().toJson()).contains("\"rel-rejecting\"");
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void anAttemptRejectedOnceIsRetriedAfterItsPauseAndCountsOneRetry() {
    AtomicBoolean rejecting = new AtomicBoolean(true);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    EventLoop loop = EventLoops.register("rel-rejects-once", task -> {
      if (rejecting.get()) {
        throw new RejectedExecutionException("busy");
      }
      thread.execute(task);
    }, t -> false);
    try {
      String name = "rel.loop.rejectsOnce";
      GuardPolicy policy = GuardPolicy.builder("Loop.rejectsOnce").monitor(name)
          .runOn("rel-rejects-once").timeout(Duration.ofMinutes(10), true)
          .retry(new RetrySpec(2, 200_000_000L, 1.0, 0, 0, 0, List.of(Exception.class), List.of()))
          .build();
      AtomicInteger bodies = new AtomicInteger();

      CompletableFuture<String> result = Guard.call(policy, () -> {
        bodies.incrementAndGet();
        return CompletableFuture.completedFuture("ran");
      });
      rejecting.set(false); // before the 200 ms pause ends

      assertThat(result.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("ran");
      assertThat(bodies).hasValue(1);
      OperationStats s = stats(name);
      assertThat(s.successes()).isEqualTo(1);
      assertThat(s.retries()).isEqualTo(1);
      assertThat(s.inFlight()).isZero();
      Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
    } finally {
      loop.shutdown();
      thread.shutdownNow();
    }
  }

  @Test
  void aLoopShutDownWhileTheBodyRunsStillDeliversTheBodysResult() throws Exception {
    EventLoop loop = EventLoops.start("rel-shut-value");
    String name = "rel.loop.shutValue";
    GuardPolicy policy = GuardPolicy.builder("Loop.shutValue").monitor(name)
        .runOn("rel-shut-value").timeout(Duration.ofSeconds(30), true).build();
    CountDownLatch inBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    CompletableFuture<String> result = Guard.call(policy, () -> {
      inBody.countDown();
      release.await(10, TimeUnit.SECONDS);
      return CompletableFuture.completedFuture("finished");
    });
    assertThat(inBody.await(10, TimeUnit.SECONDS)).isTrue();
    loop.shutdown();
    release.countDown();

    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("finished");
    assertThat(stats(name).successes()).isEqualTo(1);
    assertThat(stats(name).inFlight()).isZero();
    assertThat(EventLoops.named("rel-shut-value")).isEmpty();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aRetryThatFindsItsLoopShutDownFailsNamingTheLoopAndKeepsTheEarlierFailure() throws Exception {
    EventLoop loop = EventLoops.start("rel-shut-retry");
    String name = "rel.loop.shutRetry";
    GuardPolicy policy = GuardPolicy.builder("Loop.shutRetry").monitor(name)
        .runOn("rel-shut-retry").timeout(Duration.ofSeconds(30), true)
        .retry(RetrySpec.immediate(2)).build();
    CountDownLatch inBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    IOException first = new IOException("first attempt failed");
    AtomicInteger bodies = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      bodies.incrementAndGet();
      inBody.countDown();
      release.await(10, TimeUnit.SECONDS);
      return CompletableFuture.failedFuture(first);
    });
    assertThat(inBody.await(10, TimeUnit.SECONDS)).isTrue();
    loop.shutdown();
    release.countDown();

    await().atMost(Duration.ofSeconds(10)).until(result::isDone);
    assertThatThrownBy(result::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'rel-shut-retry'").hasMessageContaining("Loop.shutRetry")
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(first));
    assertThat(bodies).hasValue(1);
    OperationStats s = stats(name);
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.retries()).isZero();
    assertThat(s.inFlight()).isZero();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void anApplicationExecutorShutDownNowWithTheBodyQueuedEndsTheCallByItsTimeout() throws Exception {
    // Given a registered application executor whose one thread is busy
    AtomicReference<Thread> owner = new AtomicReference<>();
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rel-app-executor");
      t.setDaemon(true);
      owner.set(t);
      return t;
    });
    CountDownLatch busy = new CountDownLatch(1);
    executor.execute(() -> {
      try {
        busy.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    EventLoop loop = EventLoops.register("rel-app", executor, t -> t == owner.get());
    try {
      String name = "rel.loop.app";
      GuardPolicy policy = GuardPolicy.builder("Loop.app").monitor(name).runOn("rel-app")
          .timeout(Duration.ofMillis(100), true).build();
      AtomicInteger bodies = new AtomicInteger();

      // When a call's body is queued and the application shuts its executor down, dropping it
      CompletableFuture<String> queued = Guard.call(policy, () -> {
        bodies.incrementAndGet();
        return CompletableFuture.completedFuture("ran");
      });
      assertThat(executor.shutdownNow()).isNotEmpty();

      // Then the call ends by its timeout, and later calls fail at once with the rejection
      assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).cause()
          .isInstanceOf(AsyncTimeoutException.class).hasMessageContaining("Loop.app");
      CompletableFuture<String> later = Guard.call(policy,
          () -> CompletableFuture.completedFuture("ran"));
      assertThatThrownBy(() -> later.get(10, TimeUnit.SECONDS)).cause()
          .isInstanceOf(RejectedExecutionException.class);
      assertThat(bodies).hasValue(0);
      OperationStats s = stats(name);
      assertThat(s.timeouts()).isEqualTo(1);
      assertThat(s.failures()).isEqualTo(1);
      assertThat(s.calls()).isEqualTo(2);
      assertThat(s.inFlight()).isZero();
      Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
    } finally {
      loop.shutdown();
    }
  }
}
