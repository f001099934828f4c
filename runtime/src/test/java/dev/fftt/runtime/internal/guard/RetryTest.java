package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.util.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  private static final long MS = 1_000_000L;

  private static RetrySpec spec(int maxRetries, long delayMillis, double multiplier,
      long maxDelayMillis, double jitter, long maxDurationMillis, List<Class<?>> retryOn,
      List<Class<?>> abortOn) {
    return new RetrySpec(maxRetries, delayMillis * MS, multiplier, maxDelayMillis * MS, jitter,
        maxDurationMillis * MS, retryOn, abortOn);
  }

  private static RetrySpec simple(int maxRetries) {
    return spec(maxRetries, 0, 1.0, 0, 0, 0, List.of(Exception.class), List.of());
  }

  @Test
  void succeedsOnTheThirdAttemptWithOneCallAndTwoRetries() {
    GuardPolicy policy = GuardPolicy.builder("R.third").monitor("retry.third").retry(simple(3)).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> attempts.incrementAndGet() < 3
        ? CompletableFuture.failedFuture(new IOException("flaky"))
        : CompletableFuture.completedFuture("ok"));

    assertThat(result.join()).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
    OperationStats s = Monitors.get("retry.third").stats();
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.successes()).isEqualTo(1);
  }

  @Test
  void theFinalFailureIsTheLastExceptionItselfWithEarlierOnesSuppressed() {
    GuardPolicy policy = GuardPolicy.builder("R.fail").monitor("retry.fail").retry(simple(2)).build();
    AtomicInteger attempts = new AtomicInteger();
    List<IOException> thrown = new CopyOnWriteArrayList<>();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      IOException e = new IOException("attempt " + attempts.incrementAndGet());
      thrown.add(e);
      return CompletableFuture.failedFuture(new CompletionException(e));
    });

    Throwable failure = catchCause(result);
    assertThat(attempts).hasValue(3);
    assertThat(failure).isSameAs(thrown.get(2));
    assertThat(failure.getSuppressed()).containsExactly(thrown.get(0), thrown.get(1));
    OperationStats s = Monitors.get("retry.fail").stats();
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.calls()).isEqualTo(1);
  }

  @Test
  void retriesOnlyRetryOnMinusAbortOnAfterUnwrapping() {
    RetrySpec r = spec(5, 0, 1, 0, 0, 0, List.of(IOException.class, IllegalStateException.class),
        List.of(java.io.FileNotFoundException.class));

    assertThat(r.retries(new IOException())).isTrue();
    assertThat(r.retries(new IllegalStateException())).isTrue();
    assertThat(r.retries(new java.io.FileNotFoundException())).isFalse();
    assertThat(r.retries(new IllegalArgumentException())).isFalse();
    assertThat(Failures.unwrap(new CompletionException(new ExecutionException(new IOException("x")))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anAbortOnFailureIsNotRetried() {
    GuardPolicy policy = GuardPolicy.builder("R.abort").retry(spec(5, 0, 1, 0, 0, 0,
        List.of(Exception.class), List.of(UncheckedIOException.class))).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      attempts.incrementAndGet();
      throw new UncheckedIOException(new IOException("no"));
    });

    assertThat(catchCause(result)).isInstanceOf(UncheckedIOException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aFailureOutsideRetryOnIsNotRetried() {
    GuardPolicy policy = GuardPolicy.builder("R.other").retry(spec(5, 0, 1, 0, 0, 0,
        List.of(IOException.class), List.of())).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(new IllegalArgumentException("bad"));
    });

    assertThat(catchCause(result)).isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void delaysGrowByTheMultiplierAndAreCappedByMaxDelay() {
    RetrySpec r = spec(10, 100, 2.0, 500, 0, 0, List.of(Exception.class), List.of());

    assertThat(r.delayBeforeRetry(1)).isEqualTo(100 * MS);
    assertThat(r.delayBeforeRetry(2)).isEqualTo(200 * MS);
    assertThat(r.delayBeforeRetry(3)).isEqualTo(400 * MS);
    assertThat(r.delayBeforeRetry(4)).isEqualTo(500 * MS);
    assertThat(r.delayBeforeRetry(9)).isEqualTo(500 * MS);
  }

  @Test
  void jitterSpreadsEachDelayWithinItsFraction() {
    RetrySpec r = spec(10, 100, 1.0, 0, 0.2, 0, List.of(Exception.class), List.of());
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 2_000; i++) {
      long d = r.delayBeforeRetry(1);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isBetween(80 * MS, 85 * MS);
    assertThat(max).isBetween(115 * MS, 120 * MS);
  }

  @Test
  void retriesWaitForTheirDelaysMeasuredFromTheFailure() {
    GuardPolicy policy = GuardPolicy.builder("R.delay").retry(spec(2, 40, 2.0, 0, 0, 0,
        List.of(Exception.class), List.of())).build();
    List<Long> starts = new CopyOnWriteArrayList<>();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      starts.add(System.nanoTime());
      return CompletableFuture.failedFuture(new IOException("again"));
    });

    assertThat(catchCause(result)).isInstanceOf(IOException.class);
    assertThat(starts).hasSize(3);
    long first = (starts.get(1) - starts.get(0)) / MS;
    long second = (starts.get(2) - starts.get(1)) / MS;
    assertThat(first).isBetween(40L, 1_000L);
    assertThat(second).isBetween(80L, 1_500L);
  }

  @Test
  void maxDurationBoundsTheWholeCall() {
    GuardPolicy policy = GuardPolicy.builder("R.budget").retry(spec(100, 30, 1.0, 0, 0, 200,
        List.of(Exception.class), List.of())).build();
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(new IOException("down"));
    });

    assertThat(catchCause(result)).isInstanceOf(IOException.class);
    long elapsed = (System.nanoTime() - start) / MS;
    assertThat(elapsed).isLessThan(1_000L);
    assertThat(attempts.get()).isBetween(2, 8);
  }

  @Test
  void eachAttemptHasItsOwnTimeoutAndTimeoutsAreRetried() {
    GuardPolicy policy = GuardPolicy.builder("R.timeout").monitor("retry.timeout")
        .timeout(Duration.ofMillis(30), true).retry(simple(2)).build();
    List<CompletableFuture<String>> attempts = new CopyOnWriteArrayList<>();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      CompletableFuture<String> never = new CompletableFuture<>();
      attempts.add(never);
      return never;
    });

    Throwable failure = catchCause(result);
    assertThat(failure).isInstanceOf(AsyncTimeoutException.class);
    assertThat(failure.getSuppressed()).hasSize(2).allMatch(e -> e instanceof AsyncTimeoutException);
    assertThat(attempts).hasSize(3).allMatch(CompletableFuture::isCancelled);
    OperationStats s = Monitors.get("retry.timeout").stats();
    assertThat(s.timeouts()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(2);
    assertThat(s.calls()).isEqualTo(1);
  }

  @Test
  void cancellingDuringAPauseStopsTheRetries() {
    GuardPolicy policy = GuardPolicy.builder("R.pause").monitor("retry.pause").retry(spec(5, 200,
        1.0, 0, 0, 0, List.of(Exception.class), List.of())).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(new IOException("wait"));
    });
    assertThat(attempts).hasValue(1);
    result.cancel(true);

    await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(attempts).hasValue(1);
    assertThat(result).isCancelled();
    assertThat(Monitors.get("retry.pause").stats().cancellations()).isEqualTo(1);
  }

  @Test
  void cancellingStopsRetriesAndCancelsTheAttemptInFlight() {
    GuardPolicy policy = GuardPolicy.builder("R.flight").retry(simple(5)).build();
    List<CompletableFuture<String>> attempts = new CopyOnWriteArrayList<>();

    CompletableFuture<String> result = Guard.call(policy, () -> {
      CompletableFuture<String> f = new CompletableFuture<>();
      attempts.add(f);
      if (attempts.size() == 1) {
        f.completeExceptionally(new IOException("first fails"));
      }
      return f;
    });
    assertThat(attempts).hasSize(2);
    result.cancel(true);

    assertThat(attempts.get(1)).isCancelled();
    assertThatThrownBy(result::join).isInstanceOf(CancellationException.class);
    assertThat(attempts).hasSize(2);
  }

  private static Throwable catchCause(CompletableFuture<?> f) {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("expected a failure, got " + e, e);
    }
    throw new AssertionError("expected a failure, got a value");
  }
}
