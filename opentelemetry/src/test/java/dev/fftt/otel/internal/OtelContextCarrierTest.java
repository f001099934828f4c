package dev.fftt.otel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.otel.testing.TestSdk;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

/** The carrier captures the caller's whole context (not just its span) and nothing for the root. */
class OtelContextCarrierTest {

  private final OtelContextCarrier carrier = new OtelContextCarrier();

  @Test
  void theRootContextIsNothingToCarry() {
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(carrier.capture()).isNull();
  }

  @Test
  void aCapturedContextIsCurrentBetweenAttachAndRestoreThenTheThreadsOwnIsBack() {
    try (TestSdk otel = TestSdk.create()) {
      Span callers = otel.sdk.getTracer("test").spanBuilder("caller").startSpan();
      Object captured;
      try (Scope ignored = Context.current().with(callers)
          .with(Baggage.builder().put("tenant", "t-7").build()).makeCurrent()) {
        captured = carrier.capture();
      }
      Span own = otel.sdk.getTracer("test").spanBuilder("own").startSpan();

      try (Scope ignored = own.makeCurrent()) {
        Object saved = carrier.attach(captured);
        assertThat(Span.current()).isSameAs(callers);
        assertThat(Baggage.current().getEntryValue("tenant")).isEqualTo("t-7");
        carrier.restore(saved);
        assertThat(Span.current()).isSameAs(own);
      }
      callers.end();
      own.end();
    }
  }
}
