package dev.fftt.otel.internal;

import dev.fftt.otel.FfttOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.TimeUnit;

/**
 * Which {@link Tracer} the spans come from: the installed {@link OpenTelemetry}'s, else
 * {@link GlobalOpenTelemetry}'s once it is set. Resolved once and then read with one volatile
 * read per span.
 *
 * <p>The global is asked through {@link GlobalOpenTelemetry#isSet()} only, never through
 * {@code get()} while it is unset: that would set it to a no-op for good and make the
 * application's own {@code set} fail later. {@code isSet()} takes the global's lock, so while it is
 * unset each call pays a clock read and at most one caller per {@link #GLOBAL_RECHECK_MILLIS} ms
 * asks it (no lock on the call path of a busy application that never sets it).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Tracing {

  /** How often, at most, an unset {@link GlobalOpenTelemetry} is asked again. */
  public static final long GLOBAL_RECHECK_MILLIS = 50;
  private static final long GLOBAL_RECHECK_NANOS =
      TimeUnit.MILLISECONDS.toNanos(GLOBAL_RECHECK_MILLIS);
  private static final String VERSION = FfttOpenTelemetry.class.getPackage()
      .getImplementationVersion(); // from the jar's manifest; null from a classes folder

  private static final Object LOCK = new Object();
  // Written under LOCK (install, the global's resolution, reset); read without it by every span
  // about to start. Once set it stays set (install replaces it; only resetForTests unsets it).
  private static volatile Tracer tracer;
  // System.nanoTime() before which the unset global is not asked again. Written by the one caller
  // that asked (under LOCK); read without it: a stale read only means one more ask.
  private static volatile long nextGlobalCheck = System.nanoTime();

  private Tracing() {}

  /** Spans of calls starting from now come from {@code openTelemetry}. */
  public static void install(OpenTelemetry openTelemetry) {
    Tracer chosen = tracerOf(openTelemetry);
    synchronized (LOCK) {
      tracer = chosen; // never null again: the global is not asked any more
    }
  }

  /** The tracer to start a span with; {@code null} while nothing is installed and the global is unset. */
  static Tracer tracer() {
    Tracer t = tracer;
    return t != null ? t : fromGlobal();
  }

  private static Tracer fromGlobal() {
    long now = System.nanoTime();
    if (now - nextGlobalCheck < 0) {
      return null;
    }
    synchronized (LOCK) {
      if (tracer != null) {
        return tracer; // installed, or resolved by another caller meanwhile
      }
      if (!GlobalOpenTelemetry.isSet()) {
        nextGlobalCheck = now + GLOBAL_RECHECK_NANOS;
        return null;
      }
      tracer = tracerOf(GlobalOpenTelemetry.get());
      return tracer;
    }
  }

  private static Tracer tracerOf(OpenTelemetry openTelemetry) {
    return VERSION == null ? openTelemetry.getTracer(SpanNames.SCOPE)
        : openTelemetry.getTracer(SpanNames.SCOPE, VERSION);
  }

  /** For tests: forget the installed instance and the resolved tracer; ask the global at once. */
  public static void resetForTests() {
    synchronized (LOCK) {
      tracer = null;
      nextGlobalCheck = System.nanoTime();
    }
  }
}
