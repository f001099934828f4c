package dev.fftt.micrometer;

import static dev.fftt.micrometer.MeterReads.calls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A meter registry whose meters block (a backend that waits on a lock, a full queue, a slow
 * network) holds the thread it blocks, and only that one: the call whose end it records completes
 * its caller's future when the meter returns (exporters hear a call's end first); every other
 * call, and every timeout, goes on.
 */
@Timeout(60)
class BlockingRegistryTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  /** Blocks the first {@code fftt.calls} record (or long task timer start) of one operation. */
  static final class BlockingBackend extends SimpleMeterRegistry {
    final String operation;
    final AtomicBoolean armRecord = new AtomicBoolean();
    final AtomicBoolean armStart = new AtomicBoolean();
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<Thread> blockedThread = new AtomicReference<>();

    BlockingBackend(String operation) {
      super(SimpleConfig.DEFAULT, Clock.SYSTEM);
      this.operation = operation;
    }

    private void blockHere() {
      blockedThread.set(Thread.currentThread());
      blocked.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pause) {
      boolean mine = operation.equals(id.getTag("operation"));
      return new CumulativeTimer(id, clock, config, pause, TimeUnit.SECONDS) {
        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
          if (mine && armRecord.compareAndSet(true, false)) {
            blockHere();
          }
          super.recordNonNegative(amount, unit);
        }
      };
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
      boolean mine = operation.equals(id.getTag("operation"));
      return new DefaultLongTaskTimer(id, clock, TimeUnit.SECONDS, config, false) {
        @Override
        public Sample start() {
          if (mine && armStart.compareAndSet(true, false)) {
            blockHere();
          }
          return super.start();
        }
      };
    }
  }

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<CountDownLatch> toRelease = new ArrayList<>();

  @AfterEach
  void releaseAndClose() throws Exception {
    toRelease.forEach(CountDownLatch::countDown);
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private SimpleMeterRegistry bind(BlockingBackend backend) {
    toRelease.add(backend.release);
    SimpleMeterRegistry healthy = new SimpleMeterRegistry();
    FfttMetrics metrics = new FfttMetrics();
    toClose.add(metrics);
    metrics.bindTo(backend);
    metrics.bindTo(healthy);
    return healthy;
  }

  /** {@code count} calls of a new operation that time out after 50 ms: each fails in time. */
  private static void otherTimeoutsFireOnTime(String op, int count) {
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(50)).build();
    List<CompletableFuture<String>> calls = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      calls.add(guard.call(CompletableFuture::new));
    }
    // 50 ms each; 2 s is generous for a shared machine, and far below the blocked meter's 30 s
    await().atMost(Duration.ofSeconds(2)).until(() -> calls.stream().allMatch(f -> f.isDone()));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tookMillis).isGreaterThanOrEqualTo(50);
    for (CompletableFuture<String> f : calls) {
      assertThat(failureOf(f)).isInstanceOf(AsyncTimeoutException.class);
    }
    assertThat(Diagnostics.operation(op).orElseThrow().timeouts()).isEqualTo(count);
  }

  @Test
  void aTimerThatBlocksWhenRecordingHoldsTheThreadThatCompletedTheBodyAndNothingElse() {
    String op = "blocking.record";
    BlockingBackend backend = new BlockingBackend(op);
    SimpleMeterRegistry healthy = bind(backend);
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofSeconds(20)).build();

    backend.armRecord.set(true);
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> call = guard.call(() -> body);
    Thread completer = new Thread(() -> body.complete("v"), "body-completer");
    completer.start();
    await().atMost(BOUND).until(() -> backend.blocked.getCount() == 0);

    assertThat(backend.blockedThread.get()).isSameAs(completer);
    assertThat(call).as("its end is being recorded: not completed yet").isNotDone();
    // the same operation's other calls, and other operations' timeouts, go on
    assertThat(guard.call(() -> CompletableFuture.completedFuture("w")).join()).isEqualTo("w");
    CompletableFuture<String> later = new CompletableFuture<>();
    CompletableFuture<String> pending = guard.call(() -> later);
    later.complete("x");
    assertThat(pending.join()).isEqualTo("x");
    otherTimeoutsFireOnTime("blocking.record.others", 10);
    assertThat(call).isNotDone();
    // the runtime's own counts have it already: they are taken before exporters hear the end
    OperationStats meanwhile = Diagnostics.operation(op).orElseThrow();
    assertThat(meanwhile.successes()).isEqualTo(3);
    assertThat(meanwhile.inFlight()).isZero();
    assertThat(calls(healthy, op, "success", "none")).as("the other registry recorded the "
        + "calls that ended since (registries hear an end in the order they were bound)")
        .isEqualTo(2);

    backend.release.countDown();

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("v");
    await().atMost(BOUND).until(() -> !completer.isAlive());
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.successes()).isEqualTo(3);
    assertThat(stats.timeouts()).isZero();
    assertThat(stats.inFlight()).isZero();
    assertThat(calls(backend, op, "success", "none")).as("the blocked record was kept").isEqualTo(3);
    assertThat(calls(healthy, op, "success", "none")).isEqualTo(3);
  }

  @Test
  void aTimerThatBlocksRecordingATimeoutHoldsOneCompletionThreadAndOtherTimeoutsFireOnTime() {
    String op = "blocking.timeout";
    BlockingBackend backend = new BlockingBackend(op);
    SimpleMeterRegistry healthy = bind(backend);
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofMillis(50)).build();

    backend.armRecord.set(true);
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> call = guard.call(() -> never);
    await().atMost(BOUND).until(() -> backend.blocked.getCount() == 0);

    assertThat(backend.blockedThread.get().getName()).startsWith("fftt-completion-");
    assertThat(never).as("the work is cancelled before the end is recorded").isCancelled();
    assertThat(call).as("the timeout is being recorded: not failed yet").isNotDone();
    otherTimeoutsFireOnTime("blocking.timeout.others", 20);
    assertThat(call).isNotDone();

    backend.release.countDown();

    assertThat(failureOf(call)).isInstanceOf(AsyncTimeoutException.class);
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.timeouts()).isEqualTo(1);
    assertThat(stats.inFlight()).isZero();
    assertThat(calls(backend, op, "timeout", "none")).isEqualTo(1);
    assertThat(calls(healthy, op, "timeout", "none")).isEqualTo(1);
    assertThat(calls(healthy, "blocking.timeout.others", "timeout", "none")).isEqualTo(20);
  }

  @Test
  void aLongTaskTimerThatBlocksWhenStartingHoldsTheCallerUntilItReturns() throws Exception {
    String op = "blocking.start";
    BlockingBackend backend = new BlockingBackend(op);
    SimpleMeterRegistry healthy = bind(backend);
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    CompletableFuture<String> body = new CompletableFuture<>();

    backend.armStart.set(true);
    CompletableFuture<CompletableFuture<String>> returned = new CompletableFuture<>();
    Thread caller = new Thread(() -> returned.complete(guard.call(() -> body)), "blocked-caller");
    caller.start();
    await().atMost(BOUND).until(() -> backend.blocked.getCount() == 0);

    // a call in flight starts its sample on the calling thread, after the method returned
    assertThat(backend.blockedThread.get()).isSameAs(caller);
    assertThat(returned).as("guard.call has not returned to its caller").isNotDone();
    // other callers go on, this operation's included
    assertThat(guard.call(() -> CompletableFuture.completedFuture("w")).join()).isEqualTo("w");
    otherTimeoutsFireOnTime("blocking.start.others", 5);

    backend.release.countDown();

    CompletableFuture<String> call = returned.get(10, TimeUnit.SECONDS);
    assertThat(call).isNotDone();
    body.complete("v");
    assertThat(call.join()).isEqualTo("v");
    assertThat(Diagnostics.operation(op).orElseThrow().successes()).isEqualTo(2);
    assertThat(calls(healthy, op, "success", "none")).isEqualTo(2);
    assertThat(backend.get(FfttMeterNames.CALLS_ACTIVE).tag("operation", op).longTaskTimer()
        .activeTasks()).isZero();
  }

  /**
   * Meters are registered under the runtime's exporter lock, one new operation (breaker,
   * bulkhead, loop) at a time: a registry that blocks while registering holds the creation of
   * every new operation, on any thread, until it returns. Calls of operations that exist go on.
   */
  @Test
  void aRegistryThatBlocksWhileRegisteringHoldsTheCreationOfNewOperationsOnly() throws Exception {
    String op = "blocking.register";
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    toRelease.add(release);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (op.equals(id.getTag("operation"))) {
          blocked.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return id;
      }
    });
    AsyncGuard<String> existing = Async.<String>guard("blocking.register.existing").monitored()
        .withTimeout(Duration.ofMillis(50)).build();
    existing.call(() -> CompletableFuture.completedFuture("warm")).join();
    FfttMetrics metrics = new FfttMetrics();
    toClose.add(metrics);
    metrics.bindTo(registry);

    CompletableFuture<String> first = CompletableFuture.supplyAsync(() ->
        Async.<String>guard(op).monitored().build()
            .call(() -> CompletableFuture.completedFuture("a")).join(), newThread("creator"));
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() ->
        Async.<String>guard("blocking.register.second").monitored().build()
            .call(() -> CompletableFuture.completedFuture("b")).join(), newThread("second"));

    // the existing operation's calls, and their timeouts, go on
    assertThat(existing.call(() -> CompletableFuture.completedFuture("c")).join()).isEqualTo("c");
    CompletableFuture<String> timedOut = existing.call(CompletableFuture::new);
    assertThat(failureOf(timedOut)).isInstanceOf(AsyncTimeoutException.class);
    // the new ones wait for the registry: the second is held by the first's registration
    await().during(Duration.ofMillis(200)).atMost(BOUND).until(() -> !first.isDone()
        && !second.isDone());

    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("a");
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("b");
    assertThat(calls(registry, op, "success", "none")).isEqualTo(1);
    assertThat(calls(registry, "blocking.register.second", "success", "none")).isEqualTo(1);
    assertThat(calls(registry, "blocking.register.existing", "timeout", "none")).isEqualTo(1);
  }

  private static java.util.concurrent.Executor newThread(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      t.start();
    };
  }

  private static Throwable failureOf(CompletableFuture<?> f) {
    await().atMost(BOUND).until(f::isDone);
    try {
      f.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }
}
