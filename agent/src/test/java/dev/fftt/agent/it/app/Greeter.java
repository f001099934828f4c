package dev.fftt.agent.it.app;

import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A woven default method of an interface. Test fixture. */
public interface Greeter {

  AtomicInteger CALLS = new AtomicInteger();

  @Retry(maxRetries = 2)
  default CompletableFuture<String> greet(String who) {
    int n = CALLS.incrementAndGet();
    return n < 3 ? CompletableFuture.failedFuture(new IOException("greet attempt " + n))
        : CompletableFuture.completedFuture("hello " + who + " " + n);
  }

  /** An implementation that adds nothing. */
  final class Plain implements Greeter {
  }
}
