package dev.fftt.agent.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Retries. Test fixture: refers to the annotations only. */
public class RetryService {

  public final AtomicInteger calls = new AtomicInteger();
  public final List<String> seenArguments = new CopyOnWriteArrayList<>();
  public final List<Object> seenReceivers = new CopyOnWriteArrayList<>();
  public volatile CountDownLatch callLatch = new CountDownLatch(0);

  public void reset() {
    calls.set(0);
    seenArguments.clear();
    seenReceivers.clear();
  }

  @Retry(maxRetries = 3, delay = 10, delayUnit = ChronoUnit.MILLIS)
  @AsyncMonitor("it_retry_flaky")
  public CompletableFuture<String> flaky(int failures, String argument) {
    int n = calls.incrementAndGet();
    seenArguments.add(argument + "/" + failures);
    seenReceivers.add(this);
    if (n <= failures) {
      return CompletableFuture.failedFuture(new IOException("attempt " + n));
    }
    return CompletableFuture.completedFuture(argument + n);
  }

  @Retry(maxRetries = 5, abortOn = IllegalArgumentException.class)
  public CompletableFuture<String> abort() {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(new IllegalArgumentException("no use trying again"));
  }

  @Retry(maxRetries = 1000, delay = 40, delayUnit = ChronoUnit.MILLIS)
  public CompletableFuture<String> keepsFailing() {
    calls.incrementAndGet();
    callLatch.countDown();
    return CompletableFuture.failedFuture(new IOException("again"));
  }
}
