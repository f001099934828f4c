package dev.fftt.runtime.internal.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The failure a future's user should see: the cause under the {@code CompletionException} and
 * {@code ExecutionException} wrappers the JDK adds.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Failures {

  private Failures() {}

  /** {@code t} without its {@code CompletionException}/{@code ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The failure of a completed future, unwrapped; {@code null} when it holds a value. */
  public static Throwable of(CompletableFuture<?> done) {
    if (!done.isCompletedExceptionally()) {
      return null;
    }
    try {
      done.join();
      return null; // not reached
    } catch (CompletionException | CancellationException e) {
      return unwrap(e);
    }
  }
}
