package dev.fftt.runtime.spi;

import dev.fftt.runtime.internal.export.Carriers;

/** Where exporters register their {@link ContextCarrier}s. */
public final class ContextCarriers {

  private ContextCarriers() {}

  /**
   * Registers {@code carrier}: guarded calls starting from now carry what it captures, until
   * {@code close()} is called on the returned registration (idempotent); a call started before
   * then carries it to its end. Several carriers are attached in registration order and restored
   * in reverse.
   *
   * @throws NullPointerException when {@code carrier} is null
   */
  public static AutoCloseable register(ContextCarrier carrier) {
    return Carriers.register(carrier);
  }
}
