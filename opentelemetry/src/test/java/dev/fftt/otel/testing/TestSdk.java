package dev.fftt.otel.testing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.stream.Collectors;

/** A real OpenTelemetry SDK whose spans are kept in memory (exported as each one ends). */
public final class TestSdk implements AutoCloseable {

  public final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  public final OpenTelemetrySdk sdk;

  private TestSdk(Sampler sampler, SpanProcessor... more) {
    var provider = SdkTracerProvider.builder()
        .setSampler(sampler)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter));
    for (SpanProcessor p : more) {
      provider.addSpanProcessor(p);
    }
    sdk = OpenTelemetrySdk.builder().setTracerProvider(provider.build()).build();
  }

  /** Samples every span. */
  public static TestSdk create(SpanProcessor... more) {
    return new TestSdk(Sampler.alwaysOn(), more);
  }

  /** Samples no span. */
  public static TestSdk sampling(Sampler sampler) {
    return new TestSdk(sampler);
  }

  /** The ended spans named {@code name}, in the order they ended. */
  public List<SpanData> ended(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    sdk.close();
  }
}
