package dev.fftt.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a Prometheus server scrapes: the series under the names dashboards and alerts use. */
class PrometheusScrapeTest {

  @Test
  void theScrapeHasTheContractsSeries() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (FfttMetrics metrics = new FfttMetrics()) {
      metrics.bindTo(registry);
      String op = "prom.fetch";
      AsyncGuard<String> guard = Async.<String>guard(op).monitored()
          .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5)
          .delay(Duration.ofHours(1)).done()
          .withBulkhead().limit(2).queueSize(0).done()
          .build();
      guard.call(() -> CompletableFuture.completedFuture("ok")).join();
      guard.call(() -> CompletableFuture.failedFuture(new IOException("down"))); // opens
      guard.call(() -> CompletableFuture.completedFuture("refused"));
      EventLoop loop = EventLoops.start("prom.loop");
      String text;
      try {
        text = registry.scrape();
      } finally {
        loop.shutdown();
      }

      assertThat(text.lines()).contains(
          "fftt_calls_seconds_count{fallback=\"none\",operation=\"prom.fetch\",outcome=\"success\"} 1",
          "fftt_calls_seconds_count{fallback=\"none\",operation=\"prom.fetch\",outcome=\"failure\"} 2",
          "fftt_calls_seconds_count{fallback=\"applied\",operation=\"prom.fetch\",outcome=\"timeout\"} 0",
          "fftt_calls_active_seconds_count{operation=\"prom.fetch\"} 0",
          "fftt_retries_total{operation=\"prom.fetch\"} 0.0",
          "fftt_circuitbreaker_calls_total{operation=\"prom.fetch\",result=\"success\"} 1.0",
          "fftt_circuitbreaker_calls_total{operation=\"prom.fetch\",result=\"failure\"} 1.0",
          "fftt_circuitbreaker_calls_total{operation=\"prom.fetch\",result=\"rejected\"} 1.0",
          "fftt_circuitbreaker_state{operation=\"prom.fetch\",state=\"open\"} 1.0",
          "fftt_circuitbreaker_state{operation=\"prom.fetch\",state=\"closed\"} 0.0",
          "fftt_circuitbreaker_state{operation=\"prom.fetch\",state=\"half_open\"} 0.0",
          "fftt_bulkhead_calls_total{operation=\"prom.fetch\",result=\"accepted\"} 2.0",
          "fftt_bulkhead_calls_total{operation=\"prom.fetch\",result=\"rejected\"} 0.0",
          "fftt_bulkhead_running{operation=\"prom.fetch\"} 0.0",
          "fftt_bulkhead_waiting{operation=\"prom.fetch\"} 0.0");
      assertThat(text.lines()).contains("fftt_loop_stalls_total{loop=\"prom.loop\"} 0.0")
          .anyMatch(l -> l.matches("fftt_loop_pending\\{loop=\"prom\\.loop\"\\} [0-9]+\\.0"));
      assertThat(text).contains("# TYPE fftt_calls_seconds summary")
          .doesNotContain("fftt_calls_seconds_bucket")
          .doesNotContain("quantile=");
    }
  }
}
