package dev.fftt.micrometer.it.app;

import dev.fftt.annotations.AsyncMonitor;
import dev.fftt.annotations.Bulkhead;
import dev.fftt.annotations.CircuitBreaker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Run in a JVM with the agent and fftt-micrometer on its class path: it never mentions FFTT's
 * metrics, only reads Micrometer's global registry, and prints every {@code fftt.*} meter found
 * there as {@code METER name{tags} value} (a timer's value is its count).
 */
public class MetricsApp {

  @AsyncMonitor("it.fetch")
  @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.HOURS)
  @Bulkhead(value = 2, waitingTaskQueue = 0)
  public CompletableFuture<String> fetch(boolean ok) {
    return ok ? CompletableFuture.completedFuture("ok")
        : CompletableFuture.failedFuture(new IOException("down"));
  }

  public static void main(String[] args) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry); // as Spring Boot adds its registry to the global one
    MetricsApp app = new MetricsApp();
    System.out.println("CALL " + app.fetch(true).join());
    System.out.println("CALL " + app.fetch(false).isCompletedExceptionally()); // opens the breaker
    System.out.println("CALL " + app.fetch(true).isCompletedExceptionally()); // refused
    registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("fftt."))
        .map(MetricsApp::line)
        .sorted(Comparator.naturalOrder())
        .forEach(System.out::println);
    System.out.println("DONE");
  }

  private static String line(Meter m) {
    String tags = m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
        .collect(Collectors.joining(",", "{", "}"));
    return "METER " + m.getId().getName() + tags + " " + m.measure().iterator().next().getValue();
  }
}
