package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.guard.RetrySpec;
import dev.fftt.runtime.internal.monitor.Monitors;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: retries without a pause ran inline, one nested set of frames per retry, so an
 * operation that fails at once under a few hundred immediate retries overflowed the stack. The
 * {@code StackOverflowError} was swallowed inside {@code CompletableFuture}, the next attempt was
 * never started, and the caller's future never completed (counted in flight forever).
 */
class ImmediateRetriesDoNotOverflowTheStackTest {

  private static final int RETRIES = 5_000;

  /** Fails at once, without a stack trace (5,000 of them are kept as suppressed). */
  private static final class Flaky extends IOException {
    Flaky(int n) {
      super("attempt " + n);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  @Test
  void fiveThousandImmediateRetriesOfAnInstantFailureEndTheCall() throws Exception {
    String name = "rel.immediateRetries";
    GuardPolicy policy = GuardPolicy.builder("Deep.retry").monitor(name)
        .retry(RetrySpec.immediate(RETRIES)).build();
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Guard.call(policy,
        () -> CompletableFuture.failedFuture(new Flaky(attempts.incrementAndGet())));

    Throwable failure = failureOf(result);
    assertThat(failure).isInstanceOf(Flaky.class).hasMessage("attempt " + (RETRIES + 1));
    assertThat(failure.getSuppressed()).hasSize(RETRIES);
    assertThat(attempts).hasValue(RETRIES + 1);
    OperationStats s = Monitors.get(name).stats();
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.retries()).isEqualTo(RETRIES);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void asyncSafeWithManyRetriesOfAThrowingSupplierEndsTheCall() throws Exception {
    AtomicInteger attempts = new AtomicInteger();

    CompletableFuture<String> result = Async.safe(() -> {
      throw new IllegalStateException("attempt " + attempts.incrementAndGet());
    }, Duration.ofMinutes(1), RETRIES);

    assertThat(failureOf(result)).isInstanceOf(IllegalStateException.class)
        .hasMessage("attempt " + (RETRIES + 1));
    assertThat(attempts).hasValue(RETRIES + 1);
  }

  private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
    try {
      f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got a value");
  }
}
