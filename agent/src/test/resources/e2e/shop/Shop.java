package shop;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Compiled by ProcessorAndAgentIT with the real processor, run with the real agent. */
public class Shop {

  private int attempts;

  @AsyncMonitor("e2e_orders")
  @Retry(maxRetries = 2)
  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
  public CompletableFuture<String> order(String id, int quantity) {
    attempts++;
    if (attempts < 3) {
      return CompletableFuture.failedFuture(new IOException("busy " + attempts));
    }
    return CompletableFuture.completedFuture(quantity + " x " + id);
  }

  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  static CompletableFuture<String> hang() {
    return new CompletableFuture<>();
  }

  public static void main(String[] args) throws Exception {
    Shop shop = new Shop();
    System.out.println("order: " + shop.order("A1", 3).get(10, TimeUnit.SECONDS) + " after "
        + shop.attempts + " attempts");
    try {
      hang().get(10, TimeUnit.SECONDS);
      System.out.println("hang: completed");
    } catch (ExecutionException e) {
      System.out.println("hang: " + e.getCause().getMessage());
    }
    OperationStats stats = Diagnostics.operation("e2e_orders").orElseThrow();
    System.out.println("stats: calls=" + stats.calls() + " successes=" + stats.successes()
        + " retries=" + stats.retries());
  }
}
