package dev.fftt.agent.canary;

/**
 * The policy constants fftt-processor would generate for {@link Canary} (format 1), written by
 * hand: without them the runtime would read the canary's annotations and warn, at every start,
 * that the class was compiled without the processor.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Canary$$FfttPolicy {

  /** The constants' format. */
  public static final int FORMAT = 1;

  /** One row per woven method. */
  public static final String[][] METHODS = {
      {"method=call", "descriptor=()Ljava/util/concurrent/CompletableFuture;",
          "timeout.value=1", "timeout.unit=HOURS", "timeout.cancel=true"},
  };

  private Canary$$FfttPolicy() {}
}
