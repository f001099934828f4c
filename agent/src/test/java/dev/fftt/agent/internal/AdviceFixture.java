package dev.fftt.agent.internal;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Woven by the unit tests into a class loader of its own. */
public class AdviceFixture implements FixtureApi {

  static final AtomicInteger STATIC_CALLS = new AtomicInteger();

  private final AtomicInteger calls = new AtomicInteger();
  private final List<Object> receivers = new CopyOnWriteArrayList<>();
  private final List<String> arguments = new CopyOnWriteArrayList<>();
  private volatile CompletableFuture<String> lastBody;

  @Override
  @Retry(maxRetries = 2)
  public CompletableFuture<String> retried(int failures, String text, long[] numbers) {
    int n = calls.incrementAndGet();
    receivers.add(this);
    arguments.add(failures + "/" + text + "/" + Arrays.toString(numbers));
    return n <= failures ? CompletableFuture.failedFuture(new IOException("attempt " + n))
        : CompletableFuture.completedFuture(text + n);
  }

  @Override
  public CompletableFuture<String> viaPrivateStatic(String text) {
    return privateStatic(text);
  }

  @Retry(maxRetries = 3)
  private static CompletableFuture<String> privateStatic(String text) {
    int n = STATIC_CALLS.incrementAndGet();
    return n < 4 ? CompletableFuture.failedFuture(new IOException("static " + n))
        : CompletableFuture.completedFuture(text + n);
  }

  @Override
  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> never() {
    CompletableFuture<String> f = new CompletableFuture<>();
    lastBody = f;
    return f;
  }

  @Override
  public CompletableFuture<String> lastBody() {
    return lastBody;
  }

  @Override
  public CompletableFuture<String> unannotated(boolean fail) {
    if (fail) {
      throw new IllegalStateException("thrown by the body");
    }
    CompletableFuture<String> f = new CompletableFuture<>();
    lastBody = f;
    return f;
  }

  /** A guarded body that calls another woven method: that call must be guarded too. */
  @Override
  @Retry(maxRetries = 1)
  public CompletableFuture<String> outer() {
    return retried(2, "inner", new long[] {1}).thenApply(s -> "outer(" + s + ")");
  }

  @Override
  @WithTimeout(value = 1, unit = ChronoUnit.SECONDS)
  public String notAFuture() {
    return "plain";
  }

  @Override
  public AtomicInteger calls() {
    return calls;
  }

  @Override
  public List<Object> receivers() {
    return receivers;
  }

  @Override
  public List<String> arguments() {
    return arguments;
  }
}
