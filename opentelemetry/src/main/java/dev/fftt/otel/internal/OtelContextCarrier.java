package dev.fftt.otel.internal;

import dev.fftt.runtime.spi.ContextCarrier;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Carries the caller's OpenTelemetry {@link Context} where the runtime carries the caller's MDC:
 * it is made current while retry attempts start, while a {@code runOn} body and the fallback run,
 * and while the caller's future completes. A caller with the root context carries nothing, so its
 * calls cost nothing more.
 *
 * <p>Internal; not API, may change without notice.
 */
final class OtelContextCarrier implements ContextCarrier {

  @Override
  public Object capture() {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  @Override
  public Object attach(Object captured) {
    return ((Context) captured).makeCurrent();
  }

  @Override
  public void restore(Object saved) {
    ((Scope) saved).close();
  }
}
