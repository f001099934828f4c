package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Fallbacks. Test fixture: refers to the annotations only. */
public class FallbackService extends FallbackBase {

  public static final AtomicInteger STATIC_CALLS = new AtomicInteger();
  public final AtomicInteger calls = new AtomicInteger();
  public final AtomicInteger retriedCalls = new AtomicInteger();
  /** The receivers the fallbacks ran with. */
  public final List<Object> receivers = new CopyOnWriteArrayList<>();

  public void reset() {
    STATIC_CALLS.set(0);
    calls.set(0);
    retriedCalls.set(0);
    receivers.clear();
  }

  // ---- an instance fallback, also reached by self-invocation ----

  @AsyncMonitor("it_fb_instance")
  @Fallback(fallbackMethod = "cached")
  public CompletableFuture<String> instance(String key) {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(new IOException("down " + key));
  }

  public CompletableFuture<String> cached(String key) {
    receivers.add(this);
    return CompletableFuture.completedFuture("cached " + key);
  }

  /** Not annotated: calls its own woven method (a proxy would not see this call). */
  public CompletableFuture<String> callsOwn(String key) {
    return instance(key).thenApply(s -> "own(" + s + ")");
  }

  // ---- a private fallback with primitive parameters ----

  @Fallback(fallbackMethod = "secret")
  public CompletionStage<String> viaPrivate(String key, int n, long big) {
    calls.incrementAndGet();
    throw new IllegalStateException("thrown, not returned");
  }

  private CompletionStage<String> secret(String key, int n, long big) {
    receivers.add(this);
    return CompletableFuture.completedFuture("secret " + key + n + "/" + big);
  }

  // ---- static with a static fallback taking the failure ----

  @Fallback(fallbackMethod = "staticFallback")
  public static CompletableFuture<String> staticCall(long id) {
    STATIC_CALLS.incrementAndGet();
    return CompletableFuture.failedFuture(new IOException("static " + id));
  }

  private static CompletableFuture<String> staticFallback(long id, Throwable failure) {
    return CompletableFuture.completedFuture("static fallback " + id + " " + failure.getMessage());
  }

  // ---- overloads: without the failure, with an IOException, with any Throwable ----

  @Fallback(fallbackMethod = "over")
  public CompletableFuture<String> overloaded(String outcome) {
    return BreakerService.outcome(outcome, new CopyOnWriteArrayList<>());
  }

  CompletableFuture<String> over(String outcome) {
    return CompletableFuture.completedFuture("none");
  }

  CompletableFuture<String> over(String outcome, IOException failure) {
    return CompletableFuture.completedFuture("io " + failure.getClass().getSimpleName());
  }

  CompletableFuture<String> over(String outcome, Throwable failure) {
    return CompletableFuture.completedFuture("throwable " + failure.getClass().getSimpleName());
  }

  /** Overloads without a Throwable one: what is no IOException goes to the one without. */
  @Fallback(fallbackMethod = "over2")
  public CompletableFuture<String> overloadedNoThrowable(String outcome) {
    return BreakerService.outcome(outcome, new CopyOnWriteArrayList<>());
  }

  CompletableFuture<String> over2(String outcome) {
    return CompletableFuture.completedFuture("none");
  }

  CompletableFuture<String> over2(String outcome, IOException failure) {
    return CompletableFuture.completedFuture("io " + failure.getClass().getSimpleName());
  }

  // ---- in a superclass ----

  @Fallback(fallbackMethod = "inherited")
  public CompletableFuture<String> fromSuper(String key) {
    return CompletableFuture.failedFuture(new IOException("down"));
  }

  // ---- applyOn and skipOn ----

  @AsyncMonitor("it_fb_selective")
  @Fallback(fallbackMethod = "over2", applyOn = IOException.class,
      skipOn = FileNotFoundException.class)
  public CompletableFuture<String> selective(String outcome) {
    return BreakerService.outcome(outcome, new CopyOnWriteArrayList<>());
  }

  // ---- after retries and a timeout: the fallback sees the final failure ----

  @AsyncMonitor("it_fb_retried")
  @Retry(maxRetries = 2)
  @WithTimeout(value = 100, unit = ChronoUnit.MILLIS)
  @Fallback(fallbackMethod = "finalFailure")
  public CompletableFuture<String> retried() {
    int n = retriedCalls.incrementAndGet();
    return n < 3 ? CompletableFuture.failedFuture(new IOException("attempt " + n))
        : new CompletableFuture<>(); // the last attempt hangs: it times out
  }

  CompletableFuture<String> finalFailure(Throwable failure) {
    return CompletableFuture.completedFuture("saw " + failure.getClass().getSimpleName() + ": "
        + failure.getMessage() + " (" + failure.getSuppressed().length + " suppressed)");
  }

  // ---- with a breaker: its refusals fall back too ----

  @AsyncMonitor("it_fb_breaker")
  @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1,
      delayUnit = ChronoUnit.MINUTES)
  @Fallback(fallbackMethod = "finalFailure")
  public CompletableFuture<String> broken() {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(new IOException("broken"));
  }

  // ---- a fallback returning null ----

  @Fallback(fallbackMethod = "nothing")
  public CompletableFuture<String> nullFallback() {
    return CompletableFuture.failedFuture(new IOException("original"));
  }

  CompletableFuture<String> nothing() {
    return null;
  }
}
