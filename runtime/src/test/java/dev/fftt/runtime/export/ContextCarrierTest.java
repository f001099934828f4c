package dev.fftt.runtime.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.spi.ContextCarrier;
import dev.fftt.runtime.spi.ContextCarriers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link ContextCarrier}'s value is current where the caller's MDC is (retry attempts, runOn
 * bodies, the fallback, the completion of the caller's future) and nowhere else.
 */
class ContextCarrierTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();
  /** The fake context: a thread-local string, as a tracing library keeps its current context. */
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private final String prefix = "carrier" + IDS.incrementAndGet() + "-";
  private final FakeCarrier carrier = new FakeCarrier();
  private final List<AutoCloseable> registrations = new ArrayList<>();
  private final List<EventLoop> loops = new ArrayList<>();

  /** Carries {@link #CURRENT}; counts its calls and checks each restore undoes its attach. */
  static final class FakeCarrier implements ContextCarrier {
    private static final Object NONE = new Object();
    final AtomicInteger captures = new AtomicInteger();
    final AtomicInteger attaches = new AtomicInteger();
    final AtomicInteger restores = new AtomicInteger();
    final List<String> mismatches = new CopyOnWriteArrayList<>();

    @Override
    public Object capture() {
      captures.incrementAndGet();
      return CURRENT.get();
    }

    @Override
    public Object attach(Object captured) {
      attaches.incrementAndGet();
      String own = CURRENT.get();
      CURRENT.set((String) captured);
      return new Object[] {own == null ? NONE : own, captured, Thread.currentThread()};
    }

    @Override
    public void restore(Object saved) {
      restores.incrementAndGet();
      Object[] s = (Object[]) saved;
      if (s[1] != CURRENT.get() || s[2] != Thread.currentThread()) {
        mismatches.add("restore of " + s[1] + " found " + CURRENT.get() + " on "
            + Thread.currentThread().getName());
      }
      if (s[0] == NONE) {
        CURRENT.remove();
      } else {
        CURRENT.set((String) s[0]);
      }
    }
  }

  @BeforeEach
  void register() {
    registrations.add(ContextCarriers.register(carrier));
  }

  @AfterEach
  void leave() throws Exception {
    CURRENT.remove();
    for (AutoCloseable r : registrations) {
      r.close();
    }
    for (EventLoop loop : loops) {
      loop.shutdown();
    }
    // a completion restores after the callbacks it ran, which the test may have seen already
    await().atMost(BOUND).untilAsserted(
        () -> assertThat(carrier.restores.get()).isEqualTo(carrier.attaches.get()));
    assertThat(carrier.mismatches).isEmpty();
  }

  /** Fails a body's future from its own thread named "carrier-helper", once released. */
  static final class Helper {
    private final CountDownLatch go = new CountDownLatch(1);
    private Thread thread;

    <T> CompletableFuture<T> failLater(Throwable failure) {
      CompletableFuture<T> body = new CompletableFuture<>();
      thread = new Thread(() -> {
        try {
          if (go.await(10, TimeUnit.SECONDS)) {
            body.completeExceptionally(failure);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "carrier-helper");
      thread.start();
      return body;
    }

    /** Lets the helper fail the body (after the call returned, so the guard follows it). */
    void release() {
      go.countDown();
    }

    void join() throws InterruptedException {
      thread.join(BOUND.toMillis());
    }
  }

  @Test
  void retryAttemptsAfterAPauseRunWithTheCallersValue() {
    AsyncGuard<String> guard = Async.<String>guard(prefix + "retry")
        .withRetry().maxRetries(2).delay(Duration.ofMillis(20)).done().build();
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    Thread caller = Thread.currentThread();

    CURRENT.set("caller-A");
    CompletableFuture<String> call = guard.call(() -> {
      seen.add(CURRENT.get() + (Thread.currentThread() == caller ? " on caller" : " elsewhere"));
      return attempts.incrementAndGet() < 3
          ? CompletableFuture.failedFuture(new IOException("down"))
          : CompletableFuture.completedFuture("third");
    });
    CURRENT.remove();

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("third");
    assertThat(seen).containsExactly("caller-A on caller", "caller-A elsewhere",
        "caller-A elsewhere");
  }

  @Test
  void anImmediateRetryOnTheThreadThatFailedTheAttemptRunsWithTheCallersValue() throws Exception {
    AsyncGuard<String> guard = Async.<String>guard(prefix + "inline")
        .withRetry().maxRetries(1).done().build();
    Helper helper = new Helper();
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();

    CURRENT.set("caller-B");
    CompletableFuture<String> call = guard.call(() -> {
      seen.add(CURRENT.get() + " on " + Thread.currentThread().getName());
      return attempts.incrementAndGet() == 1 ? helper.failLater(new IOException("down"))
          : CompletableFuture.completedFuture("second");
    });
    CURRENT.remove();
    helper.release();

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("second");
    helper.join();
    assertThat(seen).containsExactly("caller-B on " + Thread.currentThread().getName(),
        "caller-B on carrier-helper");
  }

  @Test
  void aRunOnBodyRunsWithTheCallersValueAndTheLoopKeepsNone() throws Exception {
    String loopName = prefix + "loop";
    EventLoop loop = EventLoops.start(loopName);
    loops.add(loop);
    AsyncGuard<String> guard = Async.<String>guard(prefix + "runon").runOn(loopName).build();

    CURRENT.set("caller-C");
    CompletableFuture<String> call = guard.call(() -> CompletableFuture.completedFuture(
        CURRENT.get() + " on " + (loop.inLoop() ? "the loop" : "another thread")));
    CURRENT.remove();

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("caller-C on the loop");
    String afterwards = loop.submit(() -> CompletableFuture.completedFuture(
        String.valueOf(CURRENT.get()))).get(10, TimeUnit.SECONDS);
    assertThat(afterwards).isEqualTo("null");
  }

  @Test
  void theFallbackRunsWithTheCallersValue() throws Exception {
    AtomicReference<String> inFallback = new AtomicReference<>();
    AsyncGuard<String> guard = Async.<String>guard(prefix + "fallback")
        .withFallback().handler(failure -> {
          inFallback.set(CURRENT.get() + " on " + Thread.currentThread().getName());
          return CompletableFuture.completedFuture("cached");
        }).done().build();
    Helper helper = new Helper();

    CURRENT.set("caller-D");
    CompletableFuture<String> call = guard.call(() -> helper.failLater(new IOException("down")));
    CURRENT.remove();
    helper.release();

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("cached");
    helper.join();
    assertThat(inFallback.get()).isEqualTo("caller-D on carrier-helper");
  }

  @Test
  void callbacksOnTheCallersFutureSeeTheCallersValueAndTheCompletingThreadKeepsItsOwn()
      throws Exception {
    // no policy at all: the captured value alone makes the call keep its extras
    AsyncGuard<String> guard = Async.<String>guard(prefix + "plain").build();
    CompletableFuture<String> body = new CompletableFuture<>();

    CURRENT.set("caller-E");
    CompletableFuture<String> call = guard.call(() -> body);
    CompletableFuture<String> seen = call.thenApply(v -> v + " with " + CURRENT.get() + " on "
        + Thread.currentThread().getName());
    CompletableFuture<String> onBody = body.thenApply(v -> "body callback with " + CURRENT.get());
    CURRENT.remove();

    AtomicReference<String> helperAfter = new AtomicReference<>();
    Thread helper = new Thread(() -> {
      CURRENT.set("helper-own");
      body.complete("value");
      helperAfter.set(CURRENT.get());
    }, "carrier-completer");
    helper.start();
    helper.join(BOUND.toMillis());

    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("value with caller-E on carrier-completer");
    assertThat(onBody.get(10, TimeUnit.SECONDS)).isEqualTo("body callback with helper-own");
    assertThat(helperAfter.get()).isEqualTo("helper-own");
  }

  @Test
  void aTimeoutCompletesTheCallersFutureWithTheCallersValue() throws Exception {
    AsyncGuard<String> guard = Async.<String>guard(prefix + "timeout")
        .withTimeout(Duration.ofMillis(30)).build();
    AtomicReference<String> seen = new AtomicReference<>();

    CURRENT.set("caller-F");
    CompletableFuture<String> call = guard.call(CompletableFuture::new);
    CompletableFuture<String> callback = call.whenComplete((v, e) -> seen.set(
        (e instanceof AsyncTimeoutException ? "timeout" : "other " + e) + " with " + CURRENT.get()));
    CURRENT.remove();

    await().atMost(BOUND).until(callback::isDone);
    assertThat(seen.get()).isEqualTo("timeout with caller-F");
  }

  @Test
  void aCallerWithNothingToCarryAttachesNothing() {
    AsyncGuard<String> guard = Async.<String>guard(prefix + "nothing")
        .withRetry().maxRetries(2).done().withTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> call = guard.call(() -> attempts.incrementAndGet() < 3
        ? CompletableFuture.failedFuture(new IOException("down"))
        : CompletableFuture.supplyAsync(() -> "late"));

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("late");
    assertThat(carrier.captures.get()).isEqualTo(1);
    assertThat(carrier.attaches.get()).isZero();
  }

  @Test
  void aClosedCarrierIsNoLongerAskedAndACallInFlightStillRestoresIt() throws Exception {
    AsyncGuard<String> guard = Async.<String>guard(prefix + "closed").build();
    CompletableFuture<String> body = new CompletableFuture<>();
    CURRENT.set("caller-G");
    CompletableFuture<String> inFlight = guard.call(() -> body);
    CompletableFuture<String> seen = inFlight.thenApply(v -> v + " with " + CURRENT.get());

    registrations.remove(0).close();
    CompletableFuture<String> after = guard.call(CompletableFuture::new);
    body.complete("value");
    CURRENT.remove();

    assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("value with caller-G");
    assertThat(carrier.captures.get()).isEqualTo(1);
    after.cancel(true);
  }

  @Test
  void aThrowingCarrierNeverAffectsACall() {
    registrations.add(ContextCarriers.register(new ContextCarrier() {
      @Override
      public Object capture() {
        throw new IllegalStateException("capture broke");
      }

      @Override
      public Object attach(Object captured) {
        throw new IllegalStateException("not reached");
      }

      @Override
      public void restore(Object saved) {
        throw new IllegalStateException("not reached");
      }
    }));
    registrations.add(ContextCarriers.register(new ContextCarrier() {
      @Override
      public Object capture() {
        return "something";
      }

      @Override
      public Object attach(Object captured) {
        throw new IllegalStateException("attach broke");
      }

      @Override
      public void restore(Object saved) {
        throw new IllegalStateException("restore must not follow a failed attach");
      }
    }));
    AsyncGuard<String> guard = Async.<String>guard(prefix + "throwing")
        .withRetry().maxRetries(1).delay(Duration.ofMillis(5)).done().build();
    AtomicInteger attempts = new AtomicInteger();
    List<String> seen = new CopyOnWriteArrayList<>();

    CURRENT.set("caller-H");
    CompletableFuture<String> call = guard.call(() -> {
      seen.add(CURRENT.get());
      return attempts.incrementAndGet() == 1
          ? CompletableFuture.failedFuture(new IOException("down"))
          : CompletableFuture.completedFuture("second");
    });
    CURRENT.remove();

    assertThat(call.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("second");
    // the well-behaved carrier, registered first, still carried its value into the retry
    assertThat(seen).containsExactly("caller-H", "caller-H");
  }
}
