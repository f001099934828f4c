package dev.fftt.runtime.spi;

import dev.fftt.runtime.internal.export.Exports;

/** Where exporters register their {@link FfttListener}s. */
public final class FfttListeners {

  private FfttListeners() {}

  /**
   * Registers {@code listener}: it hears at once of every operation, breaker, bulkhead and loop
   * that exists, then of everything that happens, until {@code close()} is called on the returned
   * registration (which is idempotent). Calls in flight when it registers are not reported to it.
   */
  public static AutoCloseable register(FfttListener listener) {
    return Exports.register(listener);
  }
}
