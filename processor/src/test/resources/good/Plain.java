package good;

import java.util.concurrent.CompletableFuture;

/** No FFTT annotations: not in the index. */
public class Plain {
  public CompletableFuture<String> fetch() {
    return CompletableFuture.completedFuture("x");
  }
}
