package good;

import dev.fftt.annotations.WithTimeout;
import gen.Payload;
import java.util.concurrent.CompletableFuture;

/** Uses a type that another processor generates. */
public class UsesGenerated {
  @WithTimeout(1)
  public CompletableFuture<Payload> send(Payload payload) {
    return CompletableFuture.completedFuture(payload);
  }
}
