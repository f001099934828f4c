package dev.fftt.micrometer;

import dev.fftt.micrometer.internal.RegistryBinding;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Micrometer meters for every FFTT operation, circuit breaker, bulkhead and event loop: those
 * that exist when {@link #bindTo} is called and those that appear later. Names and tags are in
 * {@link FfttMeterNames}.
 *
 * <p>With the FFTT agent and this module on the class path, the agent's option
 * {@code micrometer=auto} (the default) binds one to {@code Metrics.globalRegistry} by itself;
 * bind one yourself (e.g. as a Spring bean) only with {@code micrometer=off}, or every call is
 * recorded twice when your registry is also in the global one.
 *
 * <p>A registry that throws (a {@code MeterFilter}, a broken backend) never affects a call: the
 * runtime catches it and logs it once. Thread-safe.
 */
public final class FfttMetrics implements MeterBinder, AutoCloseable {

  // Guarded by this. Binding and closing take this lock, then the runtime's exporter lock
  // (registering a listener); the runtime never calls back into this class, so no cycle.
  private final List<RegistryBinding> bindings = new ArrayList<>();
  private boolean closed;

  /** A binder that binds nothing until {@link #bindTo} is called. */
  public FfttMetrics() {}

  /**
   * Registers FFTT's meters in {@code registry} now and keeps registering them for every
   * operation, breaker, bulkhead and loop that appears later. Binding the same registry again
   * does nothing; binding after {@link #close()} does nothing.
   *
   * @throws NullPointerException when {@code registry} is null
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    if (closed) {
      return;
    }
    for (RegistryBinding b : bindings) {
      if (b.registry() == registry) {
        return;
      }
    }
    bindings.add(RegistryBinding.start(registry));
  }

  /**
   * Stops listening and removes every meter it registered from every registry it bound. Calls
   * in flight may still record into the removed meters, which no registry reports any more.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    closed = true;
    for (RegistryBinding b : bindings) {
      b.close();
    }
    bindings.clear();
  }
}
