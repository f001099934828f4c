package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller whose interrupt flag is set still gets a working guarded call through every entry
 * point, and its flag is still set afterwards (the runtime neither clears nor trips on it).
 */
class InterruptedCallerTest {

  @AfterEach
  void clearFlag() {
    Thread.interrupted();
  }

  /** Calls {@code call} with the flag set, checks the flag survived, then clears it to wait. */
  private static <T> CompletableFuture<T> interrupted(Supplier<CompletableFuture<T>> call) {
    Thread.currentThread().interrupt();
    CompletableFuture<T> result = call.get();
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag after the call").isTrue();
    assertThat(Thread.interrupted()).isTrue();
    return result;
  }

  @Test
  void guardedCallsWorkWithTheFlagSetAndKeepIt() throws Exception {
    String name = "rel.interrupted";
    GuardPolicy timed = GuardPolicy.builder("Interrupted.timed").monitor(name)
        .timeout(Duration.ofMillis(30), true).build();
    GuardPolicy pausing = GuardPolicy.builder("Interrupted.pausing").monitor(name + ".retry")
        .retry(new RetrySpec(2, 5_000_000L, 1.0, 0, 0, 0, List.of(Exception.class), List.of()))
        .build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> now = interrupted(() -> Guard.call(timed,
        () -> CompletableFuture.completedFuture("now")));
    CompletableFuture<String> never = interrupted(() -> Guard.call(timed, CompletableFuture::new));
    CompletableFuture<String> retried = interrupted(() -> Guard.call(pausing,
        () -> attempts.incrementAndGet() < 3
            ? CompletableFuture.failedFuture(new IOException("again"))
            : CompletableFuture.completedFuture("third")));

    assertThat(now.get(5, TimeUnit.SECONDS)).isEqualTo("now");
    assertThatThrownBy(() -> never.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOf(AsyncTimeoutException.class);
    assertThat(retried.get(5, TimeUnit.SECONDS)).isEqualTo("third");
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.successes()).isEqualTo(1);
    assertThat(s.timeouts()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    assertThat(Monitors.get(name + ".retry").stats().retries()).isEqualTo(2);
  }

  @Test
  void loopsAndTheAsyncHelpersWorkWithTheFlagSetAndKeepIt() throws Exception {
    EventLoop loop = interruptedStart("rel-interrupted");
    try {
      GuardPolicy onLoop = GuardPolicy.builder("Interrupted.onLoop").runOn("rel-interrupted").build();

      CompletableFuture<String> body = interrupted(() -> Guard.call(onLoop,
          () -> CompletableFuture.completedFuture(Thread.currentThread().getName())));
      CompletableFuture<String> submitted = interrupted(() -> loop.submit(
          () -> CompletableFuture.completedFuture("submitted")));
      CompletableFuture<String> limited = interrupted(() -> Async.withTimeout(
          new CompletableFuture<String>(), Duration.ofMillis(20)));
      CompletableFuture<String> safe = interrupted(() -> Async.safe(
          () -> CompletableFuture.completedFuture("safe"), Duration.ofSeconds(5), 1));
      CompletableFuture<List<String>> all = interrupted(() -> Async.all(
          CompletableFuture.completedFuture("a"), CompletableFuture.completedFuture("b")));

      assertThat(body.get(5, TimeUnit.SECONDS)).isEqualTo("fftt-loop-rel-interrupted");
      assertThat(submitted.get(5, TimeUnit.SECONDS)).isEqualTo("submitted");
      assertThatThrownBy(() -> limited.get(5, TimeUnit.SECONDS)).cause()
          .isInstanceOf(AsyncTimeoutException.class);
      assertThat(safe.get(5, TimeUnit.SECONDS)).isEqualTo("safe");
      assertThat(all.get(5, TimeUnit.SECONDS)).containsExactly("a", "b");
    } finally {
      loop.shutdown();
    }
  }

  private static EventLoop interruptedStart(String name) {
    Thread.currentThread().interrupt();
    EventLoop loop = EventLoops.start(name);
    assertThat(Thread.interrupted()).as("interrupt flag after EventLoops.start").isTrue();
    return loop;
  }
}
