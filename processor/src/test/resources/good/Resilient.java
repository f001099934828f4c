package good;

import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import dev.fftt.annotations.Fallback;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.WithTimeout;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The three resilience annotations with timeouts, and fallbacks found in several ways. */
@WithTimeout(value = 2, unit = ChronoUnit.SECONDS)
@Bulkhead(value = 4, waitingTaskQueue = 0)
public class Resilient extends ResilientBase<String> {

  @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 1,
      delayUnit = ChronoUnit.DAYS, successThreshold = 3, failOn = IOException.class,
      skipOn = IllegalArgumentException.class)
  @Fallback(fallbackMethod = "cached", applyOn = IOException.class, skipOn = {})
  public CompletableFuture<String> fetch(String id, int[] ids, Inner.Key key) {
    return CompletableFuture.completedFuture(id);
  }

  private CompletableFuture<String> cached(String id, int[] ids, Inner.Key key) {
    return CompletableFuture.completedFuture("cached " + id);
  }

  @Override
  protected CompletableFuture<String> cached(
      String id, int[] ids, Inner.Key key, IOException failure) {
    return CompletableFuture.completedFuture("cached after I/O " + id);
  }

  CompletableFuture<String> cached(String id, int[] ids, Inner.Key key, Throwable failure) {
    return CompletableFuture.completedFuture("cached after " + failure);
  }

  /** Not a fallback of fetch: other parameters. */
  CompletableFuture<String> cached(long other) {
    return CompletableFuture.completedFuture("other");
  }

  @CircuitBreaker(failureRatio = 0.0, delay = 0)
  @Fallback(fallbackMethod = "backup")
  static CompletionStage<List<String>> all(long limit, double... weights) {
    return CompletableFuture.completedFuture(List.of());
  }

  /** Generic: judged by erasure (CompletableFuture fits CompletionStage). */
  static <T> CompletableFuture<T> backup(long limit, double[] weights) {
    return new CompletableFuture<>();
  }

  /** A nested class: its fallback lines name it by its binary name. */
  public static class Inner {
    /** A parameter type nested twice. */
    public static class Key {}

    @LoopCompatible
    @WithTimeout(1)
    @CircuitBreaker
    @Fallback(fallbackMethod = "spare")
    CompletionStage<Boolean> ping(boolean loud) {
      return CompletableFuture.completedFuture(loud);
    }

    private CompletableFuture<Boolean> spare(boolean loud, Exception e) {
      return CompletableFuture.completedFuture(false);
    }
  }
}
