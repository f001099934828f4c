package good;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Class-level and method-level annotations, combined. */
@AsyncMonitor
@WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
public class Shop {
  public CompletableFuture<String> order(int quantity, String item) {
    return CompletableFuture.completedFuture(item + quantity);
  }

  @Retry(maxRetries = 2, delay = 100, multiplier = 2.0, maxDelay = 400, jitter = 0.25,
      maxDuration = 5, durationUnit = ChronoUnit.SECONDS,
      retryOn = {IOException.class, Inner.Glitch.class}, abortOn = IllegalStateException.class)
  @AsyncMonitor("shop_cancel")
  CompletionStage<Void> cancel(long id, Inner inner, String[][] notes) {
    return CompletableFuture.completedFuture(null);
  }

  @WithTimeout(value = 250, unit = ChronoUnit.MILLIS, cancel = false)
  @LoopCompatible(runOn = "processing")
  private static CompletableFuture<List<String>> list(Map<String, Integer> filter, double... w) {
    return CompletableFuture.completedFuture(List.of());
  }

  public String name() {
    return "shop";
  }

  /** A nested class: indexed under its own binary name (good.Shop$Inner). */
  @LoopCompatible
  public static class Inner {
    /** A failure to retry on. */
    public static class Glitch extends RuntimeException {
      private static final long serialVersionUID = 1L;
    }

    @AsyncMonitor
    public CompletableFuture<Boolean> ping(boolean loud, char c, byte b, short s, float f) {
      return CompletableFuture.completedFuture(loud);
    }

    public int notWoven() {
      return 0;
    }
  }
}
