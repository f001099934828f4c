package bad;

import dev.fftt.annotations.LoopCompatible;
import java.util.concurrent.CompletableFuture;

class BlockingExtra {
  /** Stands for a library's blocking method (a Vert.x Future#await, a Reactor Mono#block). */
  static final class Gate {
    String await() {
      return "open";
    }
  }

  private final Gate gate = new Gate();

  @LoopCompatible
  CompletableFuture<String> load() {
    return CompletableFuture.completedFuture(gate.await());
  }
}
