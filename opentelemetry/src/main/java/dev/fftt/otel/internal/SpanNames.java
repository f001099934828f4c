package dev.fftt.otel.internal;

import dev.fftt.runtime.spi.Rejection;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/**
 * The names FFTT's spans carry; they are contract (users' queries and alerts key on them).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class SpanNames {

  private SpanNames() {}

  /** The instrumentation scope of FFTT's tracer. */
  public static final String SCOPE = "dev.fftt.otel";

  // ---- span attributes ----

  /** The operation's name (the span's name too): the {@code @AsyncMonitor} value or its default. */
  public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("fftt.operation");
  /** How the call ended: {@code success}, {@code failure}, {@code timeout} or {@code cancelled}. */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("fftt.outcome");
  /** How many times the body ran again (a call that succeeds on its third attempt: 2). */
  public static final AttributeKey<Long> RETRIES = AttributeKey.longKey("fftt.retries");

  // ---- events and their attributes ----

  /** An attempt failed and the body is about to run again. */
  public static final String RETRY_EVENT = "fftt.retry";
  /** On {@link #RETRY_EVENT}: which retry (1 for the first). */
  public static final AttributeKey<Long> RETRY_NUMBER = AttributeKey.longKey("fftt.retry");
  /** An attempt's timeout passed. */
  public static final String TIMEOUT_EVENT = "fftt.timeout";
  /** On {@link #TIMEOUT_EVENT}: the configured timeout per attempt, in milliseconds. */
  public static final AttributeKey<Long> TIMEOUT_MILLIS = AttributeKey.longKey("fftt.timeout.millis");
  /** An attempt was refused before its body ran. */
  public static final String REJECTED_EVENT = "fftt.rejected";
  /** On {@link #REJECTED_EVENT}: what refused it, {@code circuitbreaker} or {@code bulkhead}. */
  public static final AttributeKey<String> REJECTED_BY = AttributeKey.stringKey("fftt.rejected.by");
  /** The fallback is about to run. */
  public static final String FALLBACK_EVENT = "fftt.fallback";
  /** On the retry and fallback events: the class of the failure that caused them. */
  public static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  /** On the retry and fallback events: that failure's message, when it has one. */
  public static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");

  private static final Attributes BY_BREAKER =
      Attributes.of(REJECTED_BY, Rejection.CIRCUIT_BREAKER.tag());
  private static final Attributes BY_BULKHEAD =
      Attributes.of(REJECTED_BY, Rejection.BULKHEAD.tag());

  /** The {@link #REJECTED_EVENT}'s attributes for {@code by}, made once. */
  static Attributes rejectedBy(Rejection by) {
    return by == Rejection.BULKHEAD ? BY_BULKHEAD : BY_BREAKER;
  }
}
