package dev.fftt.otel.internal;

import dev.fftt.runtime.spi.CallListener;
import dev.fftt.runtime.spi.CallOutcome;
import dev.fftt.runtime.spi.Rejection;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The spans of one monitored operation's calls: one INTERNAL span per call, named by the
 * operation, child of the context current on the caller's thread.
 *
 * <p>A call still in flight when its method returns gets its span in {@link #began} (on the
 * caller's thread), carried as the call's token through its events to {@link #ended}, which may
 * run on any thread. A call that ended at once is only told to {@link #ended}, on the caller's
 * thread: its span is made there, started {@code nanos} before now and ended now. A successful
 * span's status is left UNSET; a failure or a timeout sets ERROR and records the exception.
 *
 * <p>Stateless beyond the operation's name: one instance serves every call, on any thread.
 *
 * <p>Internal; not API, may change without notice.
 */
final class CallSpans implements CallListener {

  /** The token of a call that began with no tracer to make its span: it gets none at its end either. */
  static final Object NO_SPAN = new Object();

  private final String operation;

  CallSpans(String operation) {
    this.operation = operation;
  }

  @Override
  public Object began() {
    Tracer tracer = Tracing.tracer();
    if (tracer == null) {
      return NO_SPAN;
    }
    try {
      return tracer.spanBuilder(operation)
          .setSpanKind(SpanKind.INTERNAL)
          .setAttribute(SpanNames.OPERATION, operation)
          .startSpan(); // parent: the caller's current context
    } catch (RuntimeException | LinkageError e) {
      // a broken tracer or span processor: this call goes without a span (a null token would
      // make ended() take it for a call that ended at once, on whatever thread ends it)
      return NO_SPAN;
    }
  }

  @Override
  public void ended(Object token, CallOutcome outcome, long nanos, int retries, boolean fellBack,
      Throwable failure) {
    if (token == null) {
      endedAtOnce(outcome, nanos, failure);
    } else if (token instanceof Span) {
      Span span = (Span) token;
      describe(span, outcome, retries, failure);
      span.end();
    }
  }

  /** A call that ended as its method returned: on the caller's thread, in the caller's context. */
  private void endedAtOnce(CallOutcome outcome, long nanos, Throwable failure) {
    Tracer tracer = Tracing.tracer();
    if (tracer == null) {
      return;
    }
    Instant now = Instant.now();
    long end = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    Span span = tracer.spanBuilder(operation)
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(SpanNames.OPERATION, operation)
        .setStartTimestamp(end - nanos, TimeUnit.NANOSECONDS)
        .startSpan();
    describe(span, outcome, 0, failure);
    span.end(end, TimeUnit.NANOSECONDS);
  }

  private static void describe(Span span, CallOutcome outcome, int retries, Throwable failure) {
    if (!span.isRecording()) {
      return; // not sampled: nothing to describe
    }
    span.setAttribute(SpanNames.OUTCOME, outcome.tag());
    span.setAttribute(SpanNames.RETRIES, retries);
    if (failure != null && (outcome == CallOutcome.FAILURE || outcome == CallOutcome.TIMEOUT)) {
      span.setStatus(StatusCode.ERROR, failure.toString());
      span.recordException(failure);
    }
  }

  /** The span of a call in flight that records, else {@code null}. */
  private static Span recording(Object token) {
    if (token instanceof Span) {
      Span span = (Span) token;
      return span.isRecording() ? span : null;
    }
    return null;
  }

  @Override
  public void retried(Object token, int retry, Throwable cause) {
    Span span = recording(token);
    if (span != null) {
      AttributesBuilder attributes = Attributes.builder().put(SpanNames.RETRY_NUMBER, retry);
      span.addEvent(SpanNames.RETRY_EVENT, withCause(attributes, cause).build());
    }
  }

  @Override
  public void timedOut(Object token, long timeoutNanos) {
    Span span = recording(token);
    if (span != null) {
      span.addEvent(SpanNames.TIMEOUT_EVENT, Attributes.of(SpanNames.TIMEOUT_MILLIS,
          TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
    }
  }

  @Override
  public void rejected(Object token, Rejection by) {
    Span span = recording(token);
    if (span != null) {
      span.addEvent(SpanNames.REJECTED_EVENT, SpanNames.rejectedBy(by));
    }
  }

  @Override
  public void fellBack(Object token, Throwable cause) {
    Span span = recording(token);
    if (span != null) {
      span.addEvent(SpanNames.FALLBACK_EVENT, withCause(Attributes.builder(), cause).build());
    }
  }

  private static AttributesBuilder withCause(AttributesBuilder attributes, Throwable cause) {
    if (cause != null) {
      attributes.put(SpanNames.EXCEPTION_TYPE, cause.getClass().getName());
      if (cause.getMessage() != null) {
        attributes.put(SpanNames.EXCEPTION_MESSAGE, cause.getMessage());
      }
    }
    return attributes;
  }

  @Override
  public String toString() {
    return "spans of " + operation;
  }
}
