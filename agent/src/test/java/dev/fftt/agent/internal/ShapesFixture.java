package dev.fftt.agent.internal;

import dev.fftt.annotations.Retry;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Method shapes that stress the inlined prefix's frames. Woven by the unit tests. */
public class ShapesFixture implements Supplier<Integer> {

  private int calls;

  @Override
  public Integer get() {
    return calls;
  }

  /** Starts with a loop, so the original code has a stack map frame at its first instruction. */
  @Retry(maxRetries = 2)
  public CompletableFuture<String> loopFirst(int n) {
    while (n > 100) {
      n--;
    }
    return thirdTime("loop" + n);
  }

  /** Wide and narrow primitives mixed, and a try/catch in the body. */
  @Retry(maxRetries = 2)
  public CompletionStage<String> wide(long a, double b, byte c, char d, boolean e, float f,
      short g) {
    try {
      if (a < 0) {
        throw new IllegalArgumentException("negative");
      }
      return thirdTime(a + "/" + b + "/" + c + "/" + d + "/" + e + "/" + f + "/" + g);
    } catch (IllegalArgumentException ex) {
      return CompletableFuture.failedFuture(ex);
    }
  }

  /** Static, with a two-slot parameter first. */
  @Retry(maxRetries = 2)
  public static CompletableFuture<String> staticWide(double x, ShapesFixture target) {
    return target.thirdTime("static" + x);
  }

  private CompletableFuture<String> thirdTime(String value) {
    calls++;
    return calls % 3 != 0 ? CompletableFuture.failedFuture(new IOException("attempt " + calls))
        : CompletableFuture.completedFuture(value);
  }
}
