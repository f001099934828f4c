package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * User callbacks on the caller's future that throw or block: other callbacks, the counts, the
 * completion threads and other calls' timeouts are unaffected.
 */
class CallbackFaultsTest {

  /** The completion threads' bound (README: at most max(8, 4 × cores)). */
  private static final int COMPLETION_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  @Test
  void aThrowingCallbackLeavesOtherCallbacksTheCompleterAndTheCountsAlone() throws Exception {
    String name = "rel.callback.throws";
    GuardPolicy policy = GuardPolicy.builder("Callback.throws").monitor(name)
        .timeout(Duration.ofMinutes(10), true).build();
    CompletableFuture<String> attempt = new CompletableFuture<>();
    CompletableFuture<String> result = Guard.call(policy, () -> attempt);
    RuntimeException oops = new IllegalStateException("callback bug");
    CompletableFuture<String> throwing = result.whenComplete((v, e) -> {
      throw oops;
    });
    AtomicReference<String> seen = new AtomicReference<>();
    CompletableFuture<Void> other = result.thenAccept(seen::set);
    CompletableFuture<Integer> chained = result.thenApply(String::length);

    Thread completer = new Thread(() -> attempt.complete("value"), "completer");
    completer.start();
    completer.join(10_000);

    assertThat(completer.isAlive()).isFalse();
    assertThat(seen.get()).isEqualTo("value");
    assertThat(other).isCompleted();
    assertThat(chained.join()).isEqualTo(5);
    assertThatThrownBy(throwing::join).isInstanceOf(CompletionException.class).hasCause(oops);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.failures()).isZero();
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aCallbackThrowingOnATimeoutLeavesTheCompletionThreadAliveAndLaterTimeoutsFire() {
    String name = "rel.callback.throwsOnTimeout";
    GuardPolicy policy = GuardPolicy.builder("Callback.timeoutThrows").monitor(name)
        .timeout(Duration.ofMillis(20), true).build();
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    CompletableFuture<String> first = Guard.call(policy, CompletableFuture::new);
    first.whenComplete((v, e) -> {
      ranOn.set(Thread.currentThread());
      throw new IllegalStateException("callback bug on a timeout");
    });
    first.whenComplete((v, e) -> {
      throw new AssertionError("an Error from a callback");
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> ranOn.get() != null);
    List<CompletableFuture<String>> later = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      later.add(Guard.call(policy, CompletableFuture::new));
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> later.stream().allMatch(CompletableFuture::isDone));
    assertThat(ranOn.get().getName()).startsWith("fftt-completion-");
    assertThat(ranOn.get().isAlive()).isTrue();
    assertThat(later).allSatisfy(f -> assertThatThrownBy(f::join).cause()
        .isInstanceOf(AsyncTimeoutException.class));
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.timeouts()).isEqualTo(21);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void oneCallbackBlockingACompletionThreadDelaysNoOtherTimeout() throws Exception {
    assertBlockedCallbacksDelayNoTimeout(1);
  }

  @Test
  void allButOneCompletionThreadBlockedByCallbacksStillDelayNoOtherTimeout() throws Exception {
    assertBlockedCallbacksDelayNoTimeout(COMPLETION_THREADS - 1);
  }

  private static void assertBlockedCallbacksDelayNoTimeout(int blocked) throws Exception {
    // Given callbacks that block the completion threads their timeouts completed on
    GuardPolicy blocking = GuardPolicy.builder("Callback.blocking")
        .timeout(Duration.ofMillis(10), true).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch inCallbacks = new CountDownLatch(blocked);
    try {
      for (int i = 0; i < blocked; i++) {
        Guard.call(blocking, CompletableFuture::new).whenComplete((v, e) -> {
          inCallbacks.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        });
      }
      assertThat(inCallbacks.await(10, TimeUnit.SECONDS)).isTrue();

      // When another call times out
      String name = "rel.callback.blocked." + blocked;
      GuardPolicy policy = GuardPolicy.builder("Callback.other").monitor(name)
          .timeout(Duration.ofMillis(50), true).build();
      long start = System.nanoTime();
      CompletableFuture<String> other = Guard.call(policy, CompletableFuture::new);
      AtomicInteger done = new AtomicInteger();
      other.whenComplete((v, e) -> done.incrementAndGet());
      await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 1);
      long millis = (System.nanoTime() - start) / 1_000_000;

      // Then its timeout fires on time, on a thread that is not blocked
      assertThatThrownBy(other::join).cause().isInstanceOf(AsyncTimeoutException.class);
      assertThat(millis).isBetween(50L, 1_000L);
      assertThat(Monitors.get(name).stats().timeouts()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }
}
