package good;

import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import gen.Failure;
import gen.Payload;
import gen.Reply;
import java.util.concurrent.CompletableFuture;

/** Uses types that another processor generates: in a return type and in a retryOn value. */
public class UsesGenerated {
  @WithTimeout(1)
  @Retry(retryOn = Failure.class)
  public CompletableFuture<Payload> send(Payload payload) {
    return CompletableFuture.completedFuture(payload);
  }

  @WithTimeout(1)
  public Reply reply() {
    return new Reply();
  }
}
