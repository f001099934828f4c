package good;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Class-level annotations: they reach the future-returning methods only. */
@AsyncMonitor("catalog")
@WithTimeout(3)
@Retry(maxRetries = 1)
@LoopCompatible
public class ClassLevelAnnotations {
  private int count;

  public CompletableFuture<String> find(String id) {
    return CompletableFuture.completedFuture(id);
  }

  public CompletionStage<Integer> size() {
    return CompletableFuture.completedFuture(count);
  }

  // Not futures: the class-level annotations do not reach these, so they are fine.
  public String name() {
    return "catalog";
  }

  public void clear() throws InterruptedException {
    Thread.sleep(1); // blocking is fine here: not a woven method
    count = 0;
  }

  static int twice(int x) {
    return 2 * x;
  }

  private static CompletableFuture<Void> helper() {
    return CompletableFuture.completedFuture(null);
  }

  /** A default method of an interface is concrete, so it can be woven. */
  @WithTimeout(1)
  interface Lookup {
    default CompletableFuture<String> lookup(String key) {
      return CompletableFuture.completedFuture(key);
    }

    static CompletableFuture<String> of(String key) {
      return CompletableFuture.completedFuture(key);
    }
  }
}
