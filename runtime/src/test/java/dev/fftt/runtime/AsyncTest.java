package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncTest {

  @Test
  void withTimeoutPassesAValueThatArrivesInTime() {
    CompletableFuture<String> source = new CompletableFuture<>();

    CompletableFuture<String> result = Async.withTimeout(source, Duration.ofSeconds(10));
    source.complete("value");

    assertThat(result.join()).isEqualTo("value");
  }

  @Test
  void withTimeoutFailsWithAsyncTimeoutExceptionAndCancelsTheStage() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();

    CompletableFuture<String> result = Async.withTimeout(source, Duration.ofMillis(30));

    Throwable cause = failure(result);
    assertThat(cause).isInstanceOf(AsyncTimeoutException.class)
        .isInstanceOf(java.util.concurrent.TimeoutException.class)
        .hasMessage("Async.withTimeout timed out after 30 ms");
    assertThat(((AsyncTimeoutException) cause).limit()).isEqualTo(Duration.ofMillis(30));
    assertThat(source).isCancelled();
  }

  @Test
  void withTimeoutRejectsANonPositiveLimit() {
    CompletableFuture<String> source = new CompletableFuture<>();
    assertThatThrownBy(() -> Async.withTimeout(source, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("greater than zero");
    assertThatThrownBy(() -> Async.withTimeout(null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("stage");
  }

  @Test
  void safeRetriesAtOnceOnAnyExceptionIncludingTheTimeout() {
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Async.safe(() -> {
      int n = attempts.incrementAndGet();
      if (n == 1) {
        return new CompletableFuture<>(); // times out
      }
      if (n == 2) {
        return CompletableFuture.failedFuture(new IOException("down"));
      }
      return CompletableFuture.completedFuture("third time");
    }, Duration.ofMillis(30), 2);

    assertThat(result.join()).isEqualTo("third time");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void safeFailsWithTheLastFailureAndEarlierOnesSuppressed() throws Exception {
    List<Throwable> thrown = new CopyOnWriteArrayList<>();

    CompletableFuture<String> result = Async.safe(() -> {
      RuntimeException e = new IllegalStateException("attempt " + (thrown.size() + 1));
      thrown.add(e);
      throw e;
    }, Duration.ofSeconds(1), 2);

    Throwable cause = failure(result);
    assertThat(cause).isSameAs(thrown.get(2));
    assertThat(cause.getSuppressed()).containsExactly(thrown.get(0), thrown.get(1));
  }

  @Test
  void safeWithZeroRetriesMakesOneAttempt() throws Exception {
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Async.safe(() -> {
      attempts.incrementAndGet();
      return CompletableFuture.failedFuture(new IOException("once"));
    }, Duration.ofSeconds(1), 0);

    assertThat(failure(result)).isInstanceOf(IOException.class);
    assertThat(attempts).hasValue(1);
    assertThatThrownBy(() -> Async.safe(CompletableFuture::new, Duration.ofSeconds(1), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retries must be 0 or more, was -1");
  }

  @Test
  void allCollectsResultsInOrder() {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();

    CompletableFuture<List<String>> all = Async.all(a, b);
    b.complete("b");
    assertThat(all).isNotDone();
    a.complete("a");

    assertThat(all.join()).containsExactly("a", "b");
    assertThat(Async.<String>all(List.of()).join()).isEmpty();
  }

  @Test
  void allFailsFastAndCancelsTheOthers() throws Exception {
    CompletableFuture<String> slow = new CompletableFuture<>();
    CompletableFuture<String> failing = new CompletableFuture<>();
    CompletableFuture<String> other = new CompletableFuture<>();

    CompletableFuture<List<String>> all = Async.all(List.of(slow, failing, other));
    IOException boom = new IOException("boom");
    failing.completeExceptionally(new CompletionException(boom));

    assertThat(failure(all)).isSameAs(boom);
    assertThat(slow).isCancelled();
    assertThat(other).isCancelled();
  }

  @Test
  void cancellingAllCancelsEveryStage() {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();

    Async.all(a, b).cancel(true);

    assertThat(a).isCancelled();
    assertThat(b).isCancelled();
  }

  static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
