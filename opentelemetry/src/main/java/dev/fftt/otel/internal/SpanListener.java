package dev.fftt.otel.internal;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.FfttListener;

/**
 * Hears of each monitored operation and gives it its {@link CallSpans}; breakers, bulkheads and
 * loops make no spans (their state is metered by {@code fftt-micrometer}).
 *
 * <p>Internal; not API, may change without notice.
 */
final class SpanListener implements FfttListener {

  @Override
  public CallListener operationAdded(String operation) {
    return new CallSpans(operation);
  }
}
