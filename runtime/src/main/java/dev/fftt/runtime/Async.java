package dev.fftt.runtime;

import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.util.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Timeouts, retries, circuit breakers, bulkheads, fallbacks and fan-out for futures, by hand: the
 * same guard the agent weaves around annotated methods, for code that cannot carry annotations. Thread-safe; no method blocks.
 */
public final class Async {

  private Async() {}

  /**
   * Returns a future that completes as {@code stage} does, or fails with
   * {@link AsyncTimeoutException} when {@code timeout} passes first, in which case {@code stage}
   * is cancelled (when it is a {@link CompletableFuture}). The timeout completes the result on a
   * runtime completion thread, never the timer's. A stage that is already complete is returned as
   * it is (as a {@code CompletableFuture}). The Java form of the seed's {@code qasync_wait_for}.
   *
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code timeout} is not positive
   */
  public static <T> CompletableFuture<T> withTimeout(CompletionStage<T> stage, Duration timeout) {
    Checks.notNull(stage, "stage");
    GuardPolicy policy = GuardPolicy.builder("Async.withTimeout").timeout(timeout, true).build();
    return Guard.call(policy, () -> stage);
  }

  /**
   * Calls {@code op} and retries it up to {@code retries} times, at once, when its future fails
   * with any {@link Exception} (including the timeout); each attempt has {@code timeout}. When
   * every attempt fails, the result fails with the last attempt's exception (unwrapped), the
   * earlier ones attached as suppressed. A throw or a {@code null} from {@code op} counts as a
   * failed attempt. Cancelling the result stops the retries and cancels the attempt in flight.
   * The Java form of the seed's {@code safe_async_operation}.
   *
   * @throws NullPointerException when {@code op} or {@code timeout} is null
   * @throws IllegalArgumentException when {@code timeout} is not positive or {@code retries < 0}
   */
  public static <T> CompletableFuture<T> safe(Supplier<? extends CompletionStage<T>> op,
      Duration timeout, int retries) {
    Checks.notNull(op, "op");
    Checks.argument(retries >= 0, "retries must be 0 or more, was %s", retries);
    GuardPolicy policy = GuardPolicy.builder("Async.safe")
        .timeout(timeout, true)
        .retry(RetrySpec.immediate(retries))
        .build();
    return Guard.call(policy, op::get);
  }

  /**
   * Starts building a reusable guard named {@code name} (its operation name: counts, breaker and
   * bulkhead are per name) with any of timeout, retry, circuit breaker, bulkhead, fallback and
   * monitoring, as the annotations give them to a woven method; see {@link AsyncGuard}.
   *
   * @throws NullPointerException when {@code name} is null
   * @throws IllegalArgumentException when {@code name} is empty
   */
  public static <T> AsyncGuard.Builder<T> guard(String name) {
    return new AsyncGuard.Builder<>(name);
  }

  /**
   * Returns a future of all the stages' results, in order. It fails fast: the first failure fails
   * the result at once and cancels the stages still running; cancelling the result cancels them
   * all. An empty list gives an empty list at once. The Java form of the seed's
   * {@code concurrent_operations}.
   *
   * @throws NullPointerException when the list or one of its stages is null
   */
  public static <T> CompletableFuture<List<T>> all(List<? extends CompletionStage<? extends T>> stages) {
    Checks.notNull(stages, "stages");
    int n = stages.size();
    List<CompletableFuture<? extends T>> futures = new ArrayList<>(n);
    for (CompletionStage<? extends T> stage : stages) {
      futures.add(Checks.notNull(stage, "stage").toCompletableFuture());
    }
    CompletableFuture<List<T>> result = new CompletableFuture<>();
    if (n == 0) {
      result.complete(List.of());
      return result;
    }
    Object[] values = new Object[n];
    AtomicInteger remaining = new AtomicInteger(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.get(i).whenComplete((value, failure) -> {
        if (failure != null) {
          if (result.completeExceptionally(unwrap(failure))) {
            futures.forEach(f -> f.cancel(true));
          }
          return;
        }
        values[index] = value;
        if (remaining.decrementAndGet() == 0) {
          @SuppressWarnings("unchecked")
          List<T> list = (List<T>) Arrays.asList(values);
          result.complete(list);
        }
      });
    }
    result.whenComplete((v, failure) -> {
      if (result.isCancelled()) {
        futures.forEach(f -> f.cancel(true));
      }
    });
    return result;
  }

  /** As {@link #all(List)}. */
  @SafeVarargs
  public static <T> CompletableFuture<List<T>> all(CompletionStage<? extends T>... stages) {
    return all(Arrays.asList(Checks.notNull(stages, "stages")));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while (current instanceof java.util.concurrent.CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
