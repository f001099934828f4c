package dev.fftt.micrometer.internal;

import static dev.fftt.micrometer.FfttMeterNames.CALLS;
import static dev.fftt.micrometer.FfttMeterNames.CALLS_ACTIVE;
import static dev.fftt.micrometer.FfttMeterNames.FALLBACK;
import static dev.fftt.micrometer.FfttMeterNames.OPERATION;
import static dev.fftt.micrometer.FfttMeterNames.OUTCOME;
import static dev.fftt.micrometer.FfttMeterNames.RETRIES;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The meters of one monitored operation in one registry, resolved once when the operation appears,
 * and what records its calls into them: a call that ends at once costs one array read and one
 * {@link Timer#record}; a call in flight also starts and stops a {@link LongTaskTimer} sample (its
 * token). Immutable after construction, so safe on any thread.
 *
 * <p>Internal; not API, may change without notice.
 */
final class OperationMeters implements CallListener {

  /** {@code fftt.calls} by {@link #index}: every outcome, with and without the fallback. */
  private final Timer[] calls = new Timer[CallOutcome.values().length * 2];
  private final LongTaskTimer active;
  private final Counter retries;

  OperationMeters(String operation, MeterRegistry registry, Consumer<Meter> keep) {
    for (CallOutcome outcome : CallOutcome.values()) {
      for (boolean fellBack : new boolean[] {false, true}) {
        Timer timer = Timer.builder(CALLS)
            .tags(OPERATION, operation, OUTCOME, outcome.tag(), FALLBACK, fellBack ? "applied" : "none")
            .description("FFTT monitored calls, from the call to the completion of its future")
            .register(registry);
        keep.accept(timer);
        calls[index(outcome, fellBack)] = timer;
      }
    }
    active = LongTaskTimer.builder(CALLS_ACTIVE).tags(OPERATION, operation)
        .description("FFTT monitored calls in flight").register(registry);
    keep.accept(active);
    retries = Counter.builder(RETRIES).tags(OPERATION, operation)
        .description("FFTT re-invocations of a call's body after a failed attempt")
        .register(registry);
    keep.accept(retries);
  }

  private static int index(CallOutcome outcome, boolean fellBack) {
    return outcome.ordinal() << 1 | (fellBack ? 1 : 0);
  }

  @Override
  public Object began() {
    return active.start();
  }

  @Override
  public void ended(Object token, CallOutcome outcome, long nanos, int retried, boolean fellBack,
      Throwable failure) {
    if (token instanceof LongTaskTimer.Sample) {
      ((LongTaskTimer.Sample) token).stop();
    }
    calls[index(outcome, fellBack)].record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void retried(Object token, int retry, Throwable cause) {
    retries.increment();
  }
}
