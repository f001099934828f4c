package dev.fftt.runtime.resilience;

import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Helpers shared by the resilience tests. */
final class Support {

  static final Duration BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private Support() {}

  /** A fresh operation name: breakers and bulkheads are per name and JVM-wide. */
  static String name(String what) {
    return "res." + what + "." + NAMES.incrementAndGet();
  }

  /** The failure of a failed future, unwrapped; fails the test when it holds a value or is pending. */
  static Throwable failureOf(CompletableFuture<?> f) {
    await("the call to fail").atMost(BOUND).until(f::isDone);
    try {
      f.join();
    } catch (CompletionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }

  static CircuitBreakerStats breaker(String name) {
    return Diagnostics.circuitBreaker(name).orElseThrow(
        () -> new AssertionError("no breaker named " + name));
  }

  static BulkheadStats bulkhead(String name) {
    return Diagnostics.bulkhead(name).orElseThrow(
        () -> new AssertionError("no bulkhead named " + name));
  }

  static OperationStats op(String name) {
    return Diagnostics.operation(name).orElseThrow(
        () -> new AssertionError("no operation named " + name));
  }

  /** Runs {@code action} on a new thread called {@code threadName} and waits for it. */
  static void onThread(String threadName, Runnable action) {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        action.run();
      } catch (Throwable e) {
        failed.set(e);
      }
    }, threadName);
    t.start();
    try {
      t.join(BOUND.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (t.isAlive()) {
      throw new AssertionError(threadName + " did not finish");
    }
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
  }
}
