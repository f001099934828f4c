package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.Quiescence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the runtime's doors: a loop name that is not registered, and bad arguments to the
 * public API. Each is a clear message naming what is wrong, and the runtime goes on working.
 * (Names that would break the health JSON: {@link HostileNamesInTheHealthJsonTest}.)
 */
class BadInputTest {

  @Test
  void anUnregisteredLoopFailsTheCallNamingTheLoopAndTheFix() {
    String name = "rel.badinput.noloop";
    GuardPolicy policy = GuardPolicy.builder("BadInput.noLoop").monitor(name)
        .runOn("rel-nowhere").timeout(Duration.ofMinutes(10), true).build();
    AtomicInteger bodies = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      bodies.incrementAndGet();
      return CompletableFuture.completedFuture("ran");
    });

    assertThatThrownBy(result::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'rel-nowhere'").hasMessageContaining("BadInput.noLoop")
        .hasMessageContaining("EventLoops.start(\"rel-nowhere\")")
        .hasMessageContaining("EventLoops.register");
    assertThat(bodies).hasValue(0);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }

  @Test
  void aLoopRegisteredLaterServesTheSamePolicyAndOneShutDownIsUnknownAgain() throws Exception {
    GuardPolicy policy = GuardPolicy.builder("BadInput.later").runOn("rel-later").build();
    Supplier<CompletableFuture<String>> call = () -> Guard.call(policy,
        () -> CompletableFuture.completedFuture(Thread.currentThread().getName()));

    assertThatThrownBy(call.get()::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'rel-later'");
    EventLoop loop = EventLoops.start("rel-later");
    assertThat(call.get().get(5, TimeUnit.SECONDS)).isEqualTo("fftt-loop-rel-later");
    loop.shutdown();
    assertThatThrownBy(call.get()::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'rel-later'");
    assertThat(EventLoops.named("rel-later")).isEmpty();
  }

  /** One bad call and what it must throw. */
  private record Bad(String what, ThrowingCallable call, Class<? extends Throwable> type,
      String... messageParts) {
  }

  @Test
  void badArgumentsToThePublicApiFailWithAClearMessage() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Supplier<CompletionStage<String>> op = () -> stage;
    Executor direct = Runnable::run;
    EventLoop loop = EventLoops.start("rel-badargs");
    try {
      List<Bad> cases = List.of(
          new Bad("withTimeout(null stage)", () -> Async.withTimeout(null, Duration.ofSeconds(1)),
              NullPointerException.class, "stage"),
          new Bad("withTimeout(null timeout)", () -> Async.withTimeout(stage, null),
              NullPointerException.class, "timeout"),
          new Bad("withTimeout(zero)", () -> Async.withTimeout(stage, Duration.ZERO),
              IllegalArgumentException.class, "timeout", "greater than zero", "PT0S"),
          new Bad("withTimeout(negative)", () -> Async.withTimeout(stage, Duration.ofMillis(-5)),
              IllegalArgumentException.class, "timeout", "greater than zero", "-0.005"),
          new Bad("safe(null op)", () -> Async.safe(null, Duration.ofSeconds(1), 1),
              NullPointerException.class, "op"),
          new Bad("safe(null timeout)", () -> Async.safe(op, null, 1),
              NullPointerException.class, "timeout"),
          new Bad("safe(zero timeout)", () -> Async.safe(op, Duration.ZERO, 1),
              IllegalArgumentException.class, "timeout", "greater than zero"),
          new Bad("safe(negative timeout)", () -> Async.safe(op, Duration.ofSeconds(-1), 1),
              IllegalArgumentException.class, "timeout", "greater than zero"),
          new Bad("safe(negative retries)", () -> Async.safe(op, Duration.ofSeconds(1), -1),
              IllegalArgumentException.class, "retries must be", "0 or more", "-1"),
          new Bad("all(null list)", () -> Async.all((List<CompletionStage<String>>) null),
              NullPointerException.class, "stages"),
          new Bad("all(null array)", () -> Async.all((CompletionStage<String>[]) null),
              NullPointerException.class, "stages"),
          new Bad("all(null element)", () -> Async.all(Arrays.asList(stage, null)),
              NullPointerException.class, "stage"),
          new Bad("start(null)", () -> EventLoops.start(null),
              NullPointerException.class, "loop name"),
          new Bad("start(empty)", () -> EventLoops.start(""),
              IllegalArgumentException.class, "loop name", "empty"),
          new Bad("start(default)", () -> EventLoops.start("default"),
              IllegalArgumentException.class, "'default'"),
          new Bad("start(taken)", () -> EventLoops.start("rel-badargs"),
              IllegalStateException.class, "'rel-badargs'", "already registered"),
          new Bad("register(null executor)", () -> EventLoops.register("rel-x", null, t -> false),
              NullPointerException.class, "executor"),
          new Bad("register(null ownsThread)", () -> EventLoops.register("rel-x", direct, null),
              NullPointerException.class, "ownsThread"),
          new Bad("register(null name)", () -> EventLoops.register(null, direct, t -> false),
              NullPointerException.class, "loop name"),
          new Bad("execute(null)", () -> loop.execute(null),
              NullPointerException.class, "task"),
          new Bad("submit(null)", () -> loop.submit(null),
              NullPointerException.class, "op"),
          new Bad("operation(null)", () -> Diagnostics.operation(null),
              NullPointerException.class, "name"));

      List<String> wrong = new ArrayList<>();
      for (Bad bad : cases) {
        try {
          bad.call().call();
          wrong.add(bad.what() + ": threw nothing");
        } catch (Throwable t) {
          boolean clear = bad.type().isInstance(t) && t.getMessage() != null
              && Arrays.stream(bad.messageParts()).allMatch(t.getMessage()::contains);
          if (!clear) {
            wrong.add(bad.what() + ": " + t);
          }
        }
      }
      assertThat(wrong).as("calls without the expected exception and message").isEmpty();
      assertThat(EventLoops.named("rel-x")).as("a failed register leaves nothing registered").isEmpty();
      assertThat(EventLoops.named(null)).isEmpty();
      assertThat(stage).as("a rejected call leaves the caller's stage alone").isNotDone();
    } finally {
      loop.shutdown();
    }
  }

  @Test
  void extremeButValidDurationsNeitherFireEarlyNorLinger() throws Exception {
    CompletableFuture<String> forever = new CompletableFuture<>();
    CompletableFuture<String> huge = Async.withTimeout(forever, Duration.ofSeconds(Long.MAX_VALUE));
    CompletableFuture<String> tiny = Async.withTimeout(new CompletableFuture<>(), Duration.ofNanos(1));

    assertThatThrownBy(() -> tiny.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOf(AsyncTimeoutException.class).hasMessageContaining("1 ns");
    assertThat(huge).isNotDone();
    forever.complete("done");
    assertThat(huge.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    Quiescence.awaitTimerIdle(Duration.ofSeconds(5));
  }
}
