package dev.fftt.runtime.resilience;

import static dev.fftt.runtime.resilience.Support.BOUND;
import static dev.fftt.runtime.resilience.Support.bulkhead;
import static dev.fftt.runtime.resilience.Support.failureOf;
import static dev.fftt.runtime.resilience.Support.name;
import static dev.fftt.runtime.resilience.Support.onThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bulkhead's contract (API.md, "Resilience policies"), through {@link AsyncGuard}. */
class BulkheadSemanticsTest {

  /** One call's body: records that (and where) it started, and completes when the test says. */
  private static final class Body {
    final int id;
    final CompletableFuture<Integer> future = new CompletableFuture<>();
    volatile String thread;

    Body(int id) {
      this.id = id;
    }
  }

  private final List<Body> started = Collections.synchronizedList(new ArrayList<>());

  private CompletableFuture<Integer> call(AsyncGuard<Integer> guard, int id) {
    return guard.call(() -> {
      Body b = new Body(id);
      b.thread = Thread.currentThread().getName();
      started.add(b);
      return b.future;
    });
  }

  private List<Integer> startedIds() {
    synchronized (started) {
      return started.stream().map(b -> b.id).toList();
    }
  }

  private Body body(int id) {
    synchronized (started) {
      return started.stream().filter(b -> b.id == id).findFirst()
          .orElseThrow(() -> new AssertionError("body " + id + " did not start"));
    }
  }

  @Test
  void neverMoreThanTheLimitRunAtOnce() throws Exception {
    String name = name("bh.capacity");
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(3).queueSize(200)
        .done().build();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    ConcurrentLinkedQueue<CompletableFuture<Integer>> all = new ConcurrentLinkedQueue<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      for (int t = 0; t < 4; t++) {
        callers.execute(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int i = 0; i < 40; i++) {
            int n = i;
            all.add(guard.call(() -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              CompletableFuture<Integer> f = new CompletableFuture<>();
              Runnable end = () -> {
                running.decrementAndGet(); // before the future completes: the permit is still held
                f.complete(n);
              };
              if (n % 4 == 0) {
                end.run();
              } else {
                later.schedule(end, ThreadLocalRandom.current().nextInt(3), TimeUnit.MILLISECONDS);
              }
              return f;
            }));
          }
        });
      }
      go.countDown();
      await().atMost(BOUND).until(() -> all.size() == 160 && all.stream().allMatch(f -> f.isDone()));
    } finally {
      callers.shutdownNow();
      later.shutdownNow();
    }
    assertThat(all).allMatch(f -> !f.isCompletedExceptionally());
    assertThat(most.get()).isBetween(1, 3);
    await().atMost(BOUND).until(() -> bulkhead(name).running() == 0);
    BulkheadStats stats = bulkhead(name);
    assertThat(stats.waiting()).isZero();
    assertThat(stats.accepted()).isEqualTo(160);
    assertThat(stats.rejected()).isZero();
    assertThat(stats.maxConcurrent()).isEqualTo(3);
    assertThat(stats.queueCapacity()).isEqualTo(200);
  }

  @Test
  void waitingAttemptsStartFirstInFirstOutAndACancelledOneNeverRuns() {
    String name = name("bh.fifo");
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(5)
        .done().monitored().build();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(call(guard, i));
    }
    assertThat(startedIds()).containsExactly(0);
    assertThat(bulkhead(name).waiting()).isEqualTo(5);

    // When the caller of the third waiting attempt cancels it
    assertThat(calls.get(3).cancel(true)).isTrue();
    assertThat(bulkhead(name).waiting()).isEqualTo(4);

    // Then the others start one by one, in the order they came, and 3 never does
    for (int expected : new int[] {1, 2, 4, 5}) {
      int previous = startedIds().get(startedIds().size() - 1);
      body(previous).future.complete(previous);
      await().atMost(BOUND).until(() -> startedIds().contains(expected));
    }
    body(5).future.complete(5);
    assertThat(startedIds()).containsExactly(0, 1, 2, 4, 5);
    await().atMost(BOUND).until(() -> calls.get(5).isDone());
    assertThat(calls.get(5).join()).isEqualTo(5);
    BulkheadStats stats = bulkhead(name);
    assertThat(stats.running()).isZero();
    assertThat(stats.waiting()).isZero();
    assertThat(stats.accepted()).isEqualTo(5);
    assertThat(Support.op(name).cancellations()).isEqualTo(1);
  }

  @Test
  void beyondTheRoomAttemptsAreRejectedAtOnceNamingTheOperation() {
    String name = name("bh.reject");
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(2).queueSize(1)
        .done().monitored().build();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(call(guard, i));
    }
    assertThat(startedIds()).containsExactly(0, 1);
    for (int i = 3; i < 5; i++) {
      assertThat(calls.get(i)).isCompletedExceptionally();
      assertThat(failureOf(calls.get(i))).isInstanceOf(BulkheadRejectedException.class)
          .hasMessageContaining(name);
    }
    BulkheadStats stats = bulkhead(name);
    assertThat(stats.running()).isEqualTo(2);
    assertThat(stats.waiting()).isEqualTo(1);
    assertThat(stats.accepted()).isEqualTo(2);
    assertThat(stats.rejected()).isEqualTo(2);
    assertThat(Support.op(name).rejections()).isEqualTo(2);

    body(0).future.complete(0);
    body(1).future.complete(1);
    await().atMost(BOUND).until(() -> startedIds().contains(2));
    body(2).future.complete(2);
    await().atMost(BOUND).until(() -> bulkhead(name).running() == 0);
    assertThat(bulkhead(name).accepted()).isEqualTo(3);
  }

  @Test
  void noRoomMeansRejectionAsSoonAsEveryPermitIsHeld() {
    String name = name("bh.noRoom");
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(0)
        .done().build();
    call(guard, 0);
    assertThat(failureOf(call(guard, 1))).isInstanceOf(BulkheadRejectedException.class);
    assertThat(startedIds()).containsExactly(0);
  }

  @Test
  void aWaitingAttemptThatTimesOutNeverRunsAndLeavesTheRoom() {
    String name = name("bh.waitTimeout");
    // a running attempt that outlives its own timeout keeps the permit (cancel = false)
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(2)
        .done().withTimeout(Duration.ofMillis(100), false).monitored().build();
    CompletableFuture<Integer> first = call(guard, 0);
    CompletableFuture<Integer> waiting = call(guard, 1);
    assertThat(bulkhead(name).waiting()).isEqualTo(1);

    assertThat(failureOf(waiting)).isInstanceOf(AsyncTimeoutException.class)
        .hasMessageContaining(name);
    assertThat(failureOf(first)).isInstanceOf(AsyncTimeoutException.class);
    BulkheadStats stats = bulkhead(name);
    assertThat(stats.waiting()).isZero();
    assertThat(stats.running()).as("the timed-out body still runs (cancel = false)").isEqualTo(1);

    body(0).future.complete(0);
    await().atMost(BOUND).until(() -> bulkhead(name).running() == 0);
    assertThat(startedIds()).containsExactly(0);
    assertThat(Support.op(name).timeouts()).isEqualTo(2);
  }

  @Test
  void withCancelFalseATimedOutRunningAttemptKeepsItsPermitUntilItsBodyCompletes() {
    String name = name("bh.keepPermit");
    AsyncGuard<Integer> timed = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
        .done().withTimeout(Duration.ofMillis(50), false).build();
    // the same operation (so the same bulkhead) without a timeout, to wait as long as it takes
    AsyncGuard<Integer> patient = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
        .done().build();
    CompletableFuture<Integer> first = call(timed, 0);
    CompletableFuture<Integer> second = call(patient, 1);

    assertThat(failureOf(first)).isInstanceOf(AsyncTimeoutException.class);
    // the timeout completed the caller's future; the permit must not have been handed on
    BulkheadStats after = bulkhead(name);
    assertThat(after.running()).isEqualTo(1);
    assertThat(after.waiting()).isEqualTo(1);
    assertThat(startedIds()).containsExactly(0);
    assertThat(body(0).future).isNotDone();

    body(0).future.complete(0);
    await().atMost(BOUND).until(() -> startedIds().contains(1));
    body(1).future.complete(1);
    await().atMost(BOUND).until(second::isDone);
    assertThat(second.join()).isEqualTo(1);
    await().atMost(BOUND).until(() -> bulkhead(name).running() == 0);
  }

  @Test
  void withCancelTrueATimedOutRunningAttemptIsCancelledAndHandsItsPermitOn() {
    String name = name("bh.cancelPermit");
    AsyncGuard<Integer> timed = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
        .done().withTimeout(Duration.ofMillis(50)).build();
    AsyncGuard<Integer> patient = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
        .done().build();
    CompletableFuture<Integer> first = call(timed, 0);
    CompletableFuture<Integer> second = call(patient, 1);
    assertThat(failureOf(first)).isInstanceOf(AsyncTimeoutException.class);
    assertThat(body(0).future).isCancelled();
    await().atMost(BOUND).until(() -> startedIds().contains(1));
    // the permit was released by the timeout, on a completion thread; the waiter started elsewhere
    assertThat(body(1).thread).startsWith("fftt-completion-").isNotEqualTo("fftt-timer");
    body(1).future.complete(1);
    await().atMost(BOUND).until(second::isDone);
    await().atMost(BOUND).until(() -> bulkhead(name).running() == 0);
  }

  @Test
  void aWaitingAttemptStartsOnACompletionThreadNotOnTheReleasingThread() {
    String name = name("bh.thread");
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
        .done().build();
    call(guard, 0);
    CompletableFuture<Integer> waiting = call(guard, 1);
    assertThat(body(0).thread).isEqualTo(Thread.currentThread().getName()); // the first runs inline

    onThread("releaser", () -> body(0).future.complete(0));

    await().atMost(BOUND).until(() -> startedIds().contains(1));
    assertThat(body(1).thread).startsWith("fftt-completion-");
    body(1).future.complete(1);
    await().atMost(BOUND).until(waiting::isDone);
  }

  @Test
  void aWaitingAttemptStartsOnItsRunOnLoop() {
    String name = name("bh.loop");
    String loopName = name("loop");
    EventLoop loop = EventLoops.start(loopName);
    try {
      AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
          .done().runOn(loopName).build();
      call(guard, 0);
      CompletableFuture<Integer> waiting = call(guard, 1);
      await().atMost(BOUND).until(() -> startedIds().contains(0));
      assertThat(body(0).thread).isEqualTo("fftt-loop-" + loopName);

      onThread("releaser", () -> body(0).future.complete(0));

      await().atMost(BOUND).until(() -> startedIds().contains(1));
      assertThat(body(1).thread).isEqualTo("fftt-loop-" + loopName);
      body(1).future.complete(1);
      await().atMost(BOUND).until(waiting::isDone);
      assertThat(waiting.join()).isEqualTo(1);
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void maxWaitMillisIsTheLongestWaitForAPermit() {
    String name = name("bh.maxWait");
    AsyncGuard<Integer> guard = Async.<Integer>guard(name).withBulkhead().limit(1).queueSize(1)
        .done().build();
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try {
      call(guard, 0);
      long queuedAt = System.nanoTime();
      call(guard, 1);
      assertThat(bulkhead(name).maxWaitMillis()).isZero(); // nobody got a permit after waiting yet
      later.schedule(() -> body(0).future.complete(0), 60, TimeUnit.MILLISECONDS);
      await().atMost(BOUND).until(() -> startedIds().contains(1));
      double observed = (System.nanoTime() - queuedAt) / 1e6;
      BulkheadStats stats = bulkhead(name);
      assertThat(stats.maxWaitMillis()).isGreaterThanOrEqualTo(59.0).isLessThanOrEqualTo(observed);
      assertThat(stats.accepted()).isEqualTo(2);
      body(1).future.complete(1);
    } finally {
      later.shutdownNow();
    }
  }
}
