package good;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Fallbacks in a generic superclass: read with T bound to the subclass's argument. */
public abstract class ResilientBase<T> {

  /** Found for Resilient.fetch (T = String): the nearest class declaring it is this one. */
  protected CompletableFuture<T> cached(
      String id, int[] ids, Resilient.Inner.Key key, RuntimeException failure) {
    return CompletableFuture.failedFuture(failure);
  }

  /** Overridden in Resilient: counts once, as Resilient's. */
  protected CompletableFuture<T> cached(
      String id, int[] ids, Resilient.Inner.Key key, IOException failure) {
    return CompletableFuture.failedFuture(failure);
  }

  /** Private: Resilient cannot call it, so it is no candidate (and, with others found, no error). */
  private CompletableFuture<T> cached(String id, int[] ids, Resilient.Inner.Key key, Error e) {
    return CompletableFuture.failedFuture(e);
  }
}
