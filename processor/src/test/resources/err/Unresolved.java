package err;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import java.util.concurrent.CompletableFuture;

/** Errors javac reports itself; the processor must stay quiet about them and not crash. */
class Unresolved {
  @WithTimeout(5)
  MissingFuture unknownReturnType() {
    return null;
  }

  @Retry(retryOn = MissingException.class, abortOn = MissingException.class)
  CompletableFuture<String> unknownParameterAndClasses(MissingArgument argument) {
    return null;
  }

  @LoopCompatible
  CompletableFuture<String> unknownCalls() {
    missingCall();
    unknownReceiver.get();
    return null;
  }

  @AsyncMonitor(MISSING_CONSTANT)
  CompletableFuture<String> unknownName() {
    return null;
  }
}
