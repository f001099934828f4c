package quotes;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Compiled by ProcessorAndAgentIT with the real processor, run with the real agent. */
public class Quotes {

  private int bodies;

  /** An overload set: the most specific one the failure is an instance of runs. */
  @AsyncMonitor("e2e_quotes")
  @Fallback(fallbackMethod = "cached")
  public CompletableFuture<String> quote(String symbol, int n) {
    bodies++;
    switch (symbol) {
      case "IO":
        return CompletableFuture.failedFuture(new IOException("io down"));
      case "FNF":
        return CompletableFuture.failedFuture(new FileNotFoundException("no file"));
      case "ISE":
        return CompletableFuture.failedFuture(new IllegalStateException("bad state"));
      default:
        return CompletableFuture.completedFuture(symbol + "=" + n);
    }
  }

  CompletableFuture<String> cached(String symbol, int n) {
    return CompletableFuture.completedFuture("plain " + symbol);
  }

  CompletableFuture<String> cached(String symbol, int n, IOException failure) {
    return CompletableFuture.completedFuture("io " + symbol + " " + failure.getClass().getSimpleName());
  }

  private CompletableFuture<String> cached(String symbol, int n, Throwable failure) {
    return CompletableFuture.completedFuture("any " + symbol + " " + failure.getClass().getSimpleName());
  }

  /** Static with a static, private fallback. */
  @Fallback(fallbackMethod = "staticFallback")
  static CompletableFuture<String> staticQuote(long id) {
    return CompletableFuture.failedFuture(new IOException("static " + id));
  }

  private static CompletableFuture<String> staticFallback(long id, Throwable failure) {
    return CompletableFuture.completedFuture("static fallback " + id + ": " + failure.getMessage());
  }

  /** A breaker that opens at its first failure; its refusal falls back too. */
  @AsyncMonitor("e2e_guarded")
  @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 1,
      delayUnit = ChronoUnit.MINUTES)
  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
  @Fallback(fallbackMethod = "cached")
  public CompletableFuture<String> guarded(String symbol, int n) {
    bodies++;
    return CompletableFuture.failedFuture(new IOException("guarded down"));
  }

  public static void main(String[] args) throws Exception {
    Quotes q = new Quotes();
    for (String symbol : new String[] {"OK", "IO", "FNF", "ISE"}) {
      System.out.println("quote " + symbol + ": " + q.quote(symbol, 1).get(10, TimeUnit.SECONDS));
    }
    System.out.println("static: " + staticQuote(7).get(10, TimeUnit.SECONDS));
    System.out.println("guarded 1: " + q.guarded("G", 1).get(10, TimeUnit.SECONDS));
    System.out.println("guarded 2: " + q.guarded("G", 2).get(10, TimeUnit.SECONDS));
    System.out.println("bodies: " + q.bodies);
    OperationStats quotes = Diagnostics.operation("e2e_quotes").orElseThrow();
    System.out.println("quotes: calls=" + quotes.calls() + " successes=" + quotes.successes()
        + " fallbacks=" + quotes.fallbacks());
    OperationStats guarded = Diagnostics.operation("e2e_guarded").orElseThrow();
    System.out.println("guarded: calls=" + guarded.calls() + " fallbacks=" + guarded.fallbacks()
        + " rejections=" + guarded.rejections() + " breaker="
        + Diagnostics.circuitBreaker("e2e_guarded").orElseThrow().state());
  }
}
