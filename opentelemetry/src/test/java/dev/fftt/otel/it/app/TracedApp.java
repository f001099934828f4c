package dev.fftt.otel.it.app;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An application that sets up the OpenTelemetry SDK as its own (GlobalOpenTelemetry), calls two
 * woven methods inside a span of its own, and prints what it saw: one line per ended span, the
 * span current in the retry and in a completion callback, then DONE.
 */
public final class TracedApp {

  private static Span request;

  private TracedApp() {}

  static String currentSpan() {
    String id = Span.current().getSpanContext().getSpanId();
    if (!Span.current().getSpanContext().isValid()) {
      return "none";
    }
    return id.equals(request.getSpanContext().getSpanId()) ? "request" : id;
  }

  public static void main(String[] args) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .buildAndRegisterGlobal();
    request = GlobalOpenTelemetry.getTracer("traced-app").spanBuilder("request").startSpan();
    Backend backend = new Backend(TracedApp::currentSpan);

    try (Scope ignored = request.makeCurrent()) {
      System.out.println("RESULT " + backend.now().get(10, TimeUnit.SECONDS));
      String fetched = backend.fetch()
          .thenApply(v -> v + " callback in " + currentSpan())
          .get(10, TimeUnit.SECONDS);
      System.out.println("RESULT " + fetched);
    }
    request.end();
    System.out.println("RETRY IN " + backend.spanInRetry);

    for (SpanData span : spans.getFinishedSpanItems()) {
      String parent = !span.getParentSpanContext().isValid() ? "root"
          : span.getParentSpanId().equals(request.getSpanContext().getSpanId()) ? "request"
          : span.getParentSpanId();
      System.out.println("SPAN " + span.getName() + " kind=" + span.getKind() + " parent=" + parent
          + " outcome=" + span.getAttributes().get(AttributeKey.stringKey("fftt.outcome"))
          + " retries=" + span.getAttributes().get(AttributeKey.longKey("fftt.retries"))
          + " events=" + span.getEvents().stream().map(EventData::getName)
              .collect(Collectors.toList()));
    }
    System.out.println("DONE");
  }
}
