package dev.fftt.agent.canary;

import dev.fftt.annotations.WithTimeout;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's canary: a woven method whose body, as written, returns {@code null}. Woven, the
 * runtime's guard receives that {@code null} and returns a future failed with
 * {@link NullPointerException} instead, without a timer (the attempt ended before any timeout
 * was due). So its result tells the agent whether weaving works in this JVM, from the class file
 * transformer to the runtime's guard: see {@code dev.fftt.agent.internal.SelfCheck}.
 *
 * <p>It lives outside the agent's internal packages because the agent never weaves its own
 * classes, and this one must be woven like an application's.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Canary {

  private Canary() {}

  /** {@code null} as written; a future failed with {@code NullPointerException} when woven. */
  @WithTimeout(value = 1, unit = ChronoUnit.HOURS)
  public static CompletableFuture<Object> call() {
    return null;
  }
}
