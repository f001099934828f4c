package dev.fftt.agent.it.app;

import dev.fftt.annotations.Fallback;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Fallbacks the runtime finds through the processor's index, not by reflection: the test
 * resources' {@code META-INF/fftt/woven-classes.idx} lists this class and its fallback lines,
 * written by hand as the processor writes them. To tell the paths apart, {@link #listedOnly}'s
 * overload taking the failure is left out of the index: reflection would pick it, the index
 * path cannot. Test fixture: refers to the annotations only.
 */
public class IndexedFallbackService extends FallbackBase {

  @Fallback(fallbackMethod = "hidden")
  public CompletableFuture<String> privateOverloads(String key) {
    return CompletableFuture.failedFuture(new IOException("down"));
  }

  private CompletableFuture<String> hidden(String key) {
    return CompletableFuture.completedFuture("hidden " + key);
  }

  private CompletableFuture<String> hidden(String key, IOException failure) {
    return CompletableFuture.completedFuture("hidden io " + key);
  }

  @Fallback(fallbackMethod = "inherited")
  public CompletableFuture<String> fromSuper(String key) {
    return CompletableFuture.failedFuture(new IOException("down"));
  }

  @Fallback(fallbackMethod = "staticFallback")
  public static CompletableFuture<String> staticCall(int n) {
    return CompletableFuture.failedFuture(new IllegalStateException("static " + n));
  }

  private static CompletableFuture<String> staticFallback(int n, Throwable failure) {
    return CompletableFuture.completedFuture("static fallback " + n + ": " + failure.getMessage());
  }

  @Fallback(fallbackMethod = "partial")
  public CompletableFuture<String> listedOnly(String key) {
    return CompletableFuture.failedFuture(new IOException("down"));
  }

  CompletableFuture<String> partial(String key) {
    return CompletableFuture.completedFuture("listed " + key);
  }

  /** Not in the index: the runtime, trusting the index, never calls it. */
  CompletableFuture<String> partial(String key, Throwable failure) {
    return CompletableFuture.completedFuture("unlisted " + key);
  }
}
