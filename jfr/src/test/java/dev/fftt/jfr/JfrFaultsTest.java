package dev.fftt.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.jfr.internal.JfrTesting;
import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JFR misbehaving around the calls: recordings started and closed while calls run, a call that
 * outlives the recording it began in, a {@link RecordingStream} consumer that blocks. JFR's
 * commit writes to a thread-local buffer and never waits for a recording or a consumer: the
 * calls, their counts and their timeouts are unaffected.
 */
@Timeout(120)
class JfrFaultsTest {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String prefix = "jfr-faults" + IDS.incrementAndGet() + "-";

  @BeforeAll
  static void startExporter() {
    assertThat(new JfrExporter().start()).isTrue();
  }

  private static Recording everyFfttEvent() {
    Recording r = new Recording();
    JfrEventNames.ALL.forEach(r::enable);
    r.enable(JfrEventNames.CALL).withThreshold(Duration.ZERO);
    return r;
  }

  @Test
  void recordingsStartedAndClosedWhileCallsRunChangeNoCall() throws Exception {
    String op = prefix + "toggled";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withRetry().maxRetries(1).delay(Duration.ofMillis(1)).retryOn(IOException.class).done()
        .withTimeout(Duration.ofSeconds(1)).build(); // the others end well within it
    try (Recording first = everyFfttEvent()) {
      first.start(); // the exporter's events become ready once the recorder is initialized
      await().atMost(BOUND).until(JfrTesting::eventsReady);
    }
    AtomicBoolean callersDone = new AtomicBoolean();
    AtomicInteger cycles = new AtomicInteger();
    CountDownLatch firstCycle = new CountDownLatch(1);
    Thread toggler = new Thread(() -> {
      while (!callersDone.get()) {
        try (Recording r = everyFfttEvent()) {
          r.start();
          r.stop();
        }
        cycles.incrementAndGet();
        firstCycle.countDown();
      }
    }, "recording-toggler");
    toggler.start();
    assertThat(firstCycle.await(30, TimeUnit.SECONDS)).isTrue();

    int perThread = 1_500;
    List<List<CompletableFuture<String>>> byThread = new ArrayList<>();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      List<CompletableFuture<String>> calls = new ArrayList<>();
      byThread.add(calls);
      callers.add(new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          int kind = i % 50;
          AtomicInteger attempts = new AtomicInteger();
          calls.add(guard.call(() -> kind == 0 ? new CompletableFuture<>() // times out
              : kind % 10 == 1 && attempts.incrementAndGet() == 1
                  ? CompletableFuture.failedFuture(new IOException("first")) // retried once
              : kind % 2 == 0 ? CompletableFuture.completedFuture("now")
              : CompletableFuture.supplyAsync(() -> "later")));
        }
      }, "caller-" + t));
    }
    callers.forEach(Thread::start);
    for (Thread caller : callers) {
      caller.join(60_000);
    }
    List<CompletableFuture<String>> all = byThread.stream().flatMap(List::stream).toList();
    await().atMost(BOUND).until(() -> all.stream().allMatch(CompletableFuture::isDone));
    callersDone.set(true);
    toggler.join(30_000);

    int total = 2 * perThread;
    int timeouts = 2 * (perThread / 50);
    long failed = all.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    assertThat(all).hasSize(total);
    assertThat(failed).isEqualTo(timeouts);
    assertThat(all).filteredOn(CompletableFuture::isCompletedExceptionally)
        .allSatisfy(f -> assertThat(failureOf(f)).isInstanceOf(AsyncTimeoutException.class));
    OperationStats stats = Diagnostics.operation(op).orElseThrow();
    assertThat(stats.calls()).isEqualTo(total);
    assertThat(stats.successes()).isEqualTo(total - timeouts);
    assertThat(stats.timeouts()).isEqualTo(timeouts);
    assertThat(stats.retries()).isEqualTo(2 * (perThread / 10));
    assertThat(stats.inFlight()).isZero();
    assertThat(cycles.get()).as("recordings started and closed while the calls ran")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void aCallThatOutlivesTheRecordingItBeganInEndsAsUsual() throws Exception {
    String op = prefix + "outlives";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored().build();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> call;
    try (Recording r = everyFfttEvent()) {
      r.start();
      await().atMost(BOUND).until(JfrTesting::eventsReady);
      call = guard.call(() -> body);
    } // closed while the call is in flight: its event is committed into no recording

    body.complete("v");

    assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("v");
    assertThat(Diagnostics.operation(op).orElseThrow().successes()).isEqualTo(1);
  }

  @Test
  void aRecordingStreamConsumerThatBlocksHoldsNoCall() throws Exception {
    String op = prefix + "streamed";
    AsyncGuard<String> guard = Async.<String>guard(op).monitored()
        .withTimeout(Duration.ofSeconds(10)).build(); // the busy machine's slow ones do not time out
    AsyncGuard<String> timingOut = Async.<String>guard(op + "-timeouts").monitored()
        .withTimeout(Duration.ofMillis(50)).build();
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    try (RecordingStream stream = new RecordingStream()) {
      stream.enable(JfrEventNames.CALL).withThreshold(Duration.ZERO);
      stream.onEvent(JfrEventNames.CALL, e -> {
        if (!e.getString("operation").startsWith(op)) {
          return;
        }
        seen.incrementAndGet();
        blocked.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      stream.startAsync();
      await().atMost(BOUND).until(JfrTesting::eventsReady);
      try {
        // the consumer blocks on the first event it is given (the stream reads every second)
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
          guard.call(() -> CompletableFuture.completedFuture("first")).join();
          return blocked.getCount() == 0;
        });
        long before = Diagnostics.operation(op).orElseThrow().calls();

        // while it is held: 2,000 calls at once or later, and 10 timeouts, all end in time
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
          calls.add(guard.call(() -> CompletableFuture.completedFuture("now")));
          calls.add(guard.call(() -> CompletableFuture.supplyAsync(() -> "later")));
        }
        List<CompletableFuture<String>> timeouts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          timeouts.add(timingOut.call(CompletableFuture::new));
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
            calls.stream().allMatch(CompletableFuture::isDone)
                && timeouts.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(timeouts).allSatisfy(f ->
            assertThat(failureOf(f)).isInstanceOf(AsyncTimeoutException.class));
        assertThat(seen.get()).as("the consumer is still held on its first event").isEqualTo(1);
        OperationStats stats = Diagnostics.operation(op).orElseThrow();
        OperationStats timeoutStats = Diagnostics.operation(op + "-timeouts").orElseThrow();
        assertThat(stats.calls() - before).isEqualTo(2_000);
        assertThat(stats.successes()).isEqualTo(stats.calls());
        assertThat(timeoutStats.timeouts()).isEqualTo(10);
        assertThat(stats.inFlight() + timeoutStats.inFlight()).isZero();

        release.countDown();
        // and it is given every call's event, none lost while it was held
        long expected = stats.calls() + timeoutStats.calls();
        await().atMost(BOUND).until(() -> seen.get() >= expected);
        assertThat(seen.get()).isEqualTo(expected);
      } finally {
        release.countDown();
      }
    }
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
