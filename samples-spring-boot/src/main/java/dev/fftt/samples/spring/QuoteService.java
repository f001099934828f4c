package dev.fftt.samples.spring;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Quotes from backends that misbehave, guarded by annotations alone (the agent weaves them; no
 * proxy, no container feature). Each method logs with the request's MDC, wherever it runs.
 */
@Service
public class QuoteService {

  private static final Logger log = LoggerFactory.getLogger(QuoteService.class);
  /** The quote backend answers after 40 ms, on a thread of its own. */
  private static final Executor BACKEND = CompletableFuture.delayedExecutor(40, TimeUnit.MILLISECONDS);

  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  /** Touched only on the pricing loop's thread (every convert body runs there): no lock. */
  private final Map<String, Double> rates = new HashMap<>(Map.of("USD", 1.0, "EUR", 0.92, "JPY", 151.3));

  /**
   * The quote backend is busy two times out of three: each failed attempt is retried after a
   * pause, on FFTT's timer hand-off thread, with the caller's MDC in place.
   */
  @AsyncMonitor("quote_fetch")
  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS, retryOn = IOException.class)
  public CompletableFuture<Quote> fetch(String symbol) {
    int attempt = attempts.merge(symbol, 1, Integer::sum);
    log.info("fetch {} attempt {}", symbol, attempt);
    if (attempt % 3 != 0) {
      return CompletableFuture.failedFuture(new IOException("quote backend busy"));
    }
    return CompletableFuture.supplyAsync(() -> new Quote(symbol, "USD", price(symbol)), BACKEND);
  }

  /** The history backend hangs: the call times out after 300 ms and the attempt is cancelled. */
  @AsyncMonitor("quote_history")
  @WithTimeout(value = 300, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> history(String symbol) {
    log.info("history {} asked", symbol);
    return new CompletableFuture<>(); // never answers
  }

  /** Converts on the pricing loop, which owns {@link #rates}. */
  @AsyncMonitor("quote_convert")
  @LoopCompatible(runOn = PricingLoop.NAME)
  public CompletableFuture<Quote> convert(String symbol, String currency) {
    Double rate = rates.get(currency);
    log.info("convert {} to {} on the pricing loop", symbol, currency);
    if (rate == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no rate for " + currency));
    }
    return CompletableFuture.completedFuture(new Quote(symbol, currency, price(symbol) * rate));
  }

  /**
   * The news backend is down: after 4 failed calls the breaker opens, later calls get the
   * fallback at once without calling it, and the health report says DEGRADED (the instance stays
   * UP in {@code /actuator/health}).
   */
  @AsyncMonitor("quote_news")
  @WithTimeout(value = 1, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60, delayUnit = ChronoUnit.SECONDS)
  @Fallback(fallbackMethod = "noNews")
  public CompletableFuture<String> news(String symbol) {
    log.info("news {} asked", symbol);
    return CompletableFuture.failedFuture(new IOException("news backend down"));
  }

  private CompletableFuture<String> noNews(String symbol, Throwable failure) {
    log.info("news {}: fallback after {}", symbol, failure.getClass().getSimpleName());
    return CompletableFuture.completedFuture("no news for " + symbol);
  }

  private static double price(String symbol) {
    return 100 + Math.floorMod(symbol.hashCode(), 900) / 10.0;
  }
}
