package dev.fftt.micrometer.internal;

import static dev.fftt.micrometer.FfttMeterNames.BULKHEAD_CALLS;
import static dev.fftt.micrometer.FfttMeterNames.BULKHEAD_RUNNING;
import static dev.fftt.micrometer.FfttMeterNames.BULKHEAD_WAITING;
import static dev.fftt.micrometer.FfttMeterNames.CIRCUIT_BREAKER_CALLS;
import static dev.fftt.micrometer.FfttMeterNames.CIRCUIT_BREAKER_STATE;
import static dev.fftt.micrometer.FfttMeterNames.LOOP;
import static dev.fftt.micrometer.FfttMeterNames.LOOP_PENDING;
import static dev.fftt.micrometer.FfttMeterNames.LOOP_BLOCKING_CALLS;
import static dev.fftt.micrometer.FfttMeterNames.LOOP_STALLS;
import static dev.fftt.micrometer.FfttMeterNames.OPERATION;
import static dev.fftt.micrometer.FfttMeterNames.RESULT;
import static dev.fftt.micrometer.FfttMeterNames.STATE;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.FfttListener;
import dev.fftt.runtime.spi.FfttListeners;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * FFTT's meters in one registry: it listens to the runtime and registers the meters of each
 * operation, breaker, bulkhead and loop as the runtime tells of it. Operation meters are
 * recorded by the calls ({@link OperationMeters}); the others read {@code Diagnostics} and
 * {@code ResilienceCounts} when the registry is scraped ({@link Readings}).
 *
 * <p>The runtime calls the {@code ...Added} methods one at a time (under its exporter lock), on
 * whichever thread created the operation, breaker, bulkhead or loop.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class RegistryBinding implements FfttListener {

  private static final String[] BREAKER_STATES = {"closed", "open", "half_open"};

  private final MeterRegistry registry;
  // The meters it registered, and the objects their functions read (a FunctionCounter holds its
  // object weakly: this list keeps them alive while bound). Appended by the runtime's callbacks and
  // read by close() after the registration is closed, on other threads: guarded by this.
  private final List<Meter> meters = new ArrayList<>();
  private final List<Object> sources = new ArrayList<>();
  // Set once by start(), read by close() (FfttMetrics calls both under its own lock).
  private AutoCloseable registration;

  private RegistryBinding(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the meters of everything that exists now in {@code registry}, and of what comes later. */
  public static RegistryBinding start(MeterRegistry registry) {
    RegistryBinding binding = new RegistryBinding(registry);
    binding.registration = FfttListeners.register(binding);
    return binding;
  }

  /** The registry it registers in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Stops listening and removes the meters it registered. */
  public void close() {
    try {
      registration.close();
    } catch (Exception e) {
      throw new IllegalStateException(e); // the runtime's registration never throws
    }
    List<Meter> registered;
    synchronized (this) {
      registered = new ArrayList<>(meters);
      meters.clear();
      sources.clear();
    }
    for (Meter m : registered) {
      registry.remove(m);
    }
  }

  private synchronized void keep(Meter meter) {
    meters.add(meter);
  }

  private synchronized <T> T source(T source) {
    sources.add(source);
    return source;
  }

  @Override
  public CallListener operationAdded(String operation) {
    return new OperationMeters(operation, registry, this::keep);
  }

  @Override
  public void circuitBreakerAdded(String operation) {
    Readings.Breaker breaker = source(new Readings.Breaker(operation));
    for (String result : new String[] {"success", "failure", "rejected"}) {
      keep(FunctionCounter.builder(CIRCUIT_BREAKER_CALLS, breaker, b -> b.calls(result))
          .tags(OPERATION, operation, RESULT, result)
          .description("FFTT circuit breaker attempts: recorded as success or failure, or rejected")
          .register(registry));
    }
    for (String state : BREAKER_STATES) {
      keep(Gauge.builder(CIRCUIT_BREAKER_STATE, breaker, b -> b.is(state))
          .tags(OPERATION, operation, STATE, state)
          .description("FFTT circuit breaker state: 1 for the current state, 0 for the others")
          .register(registry));
    }
  }

  @Override
  public void bulkheadAdded(String operation) {
    Readings.Bulkhead bulkhead = source(new Readings.Bulkhead(operation));
    keep(FunctionCounter.builder(BULKHEAD_CALLS, bulkhead, Readings.Bulkhead::accepted)
        .tags(OPERATION, operation, RESULT, "accepted")
        .description("FFTT bulkhead attempts: admitted or refused").register(registry));
    keep(FunctionCounter.builder(BULKHEAD_CALLS, bulkhead, Readings.Bulkhead::rejected)
        .tags(OPERATION, operation, RESULT, "rejected")
        .description("FFTT bulkhead attempts: admitted or refused").register(registry));
    keep(Gauge.builder(BULKHEAD_RUNNING, bulkhead, Readings.Bulkhead::running)
        .tags(OPERATION, operation)
        .description("FFTT bulkhead: attempts holding a permit now").register(registry));
    keep(Gauge.builder(BULKHEAD_WAITING, bulkhead, Readings.Bulkhead::waiting)
        .tags(OPERATION, operation)
        .description("FFTT bulkhead: attempts waiting for a permit now").register(registry));
  }

  @Override
  public void loopAdded(String loop) {
    Readings.Loop readings = source(new Readings.Loop(loop));
    keep(Gauge.builder(LOOP_PENDING, readings, Readings.Loop::pending).tags(LOOP, loop)
        .description("FFTT event loop: tasks waiting").register(registry));
    keep(FunctionCounter.builder(LOOP_STALLS, readings, Readings.Loop::stalls).tags(LOOP, loop)
        .description("FFTT event loop: stalls the watchdog found").register(registry));
    keep(FunctionCounter.builder(LOOP_BLOCKING_CALLS, readings, Readings.Loop::blockingCalls)
        .tags(LOOP, loop)
        .description("FFTT event loop: blocking calls caught on its thread").register(registry));
  }
}
