package dev.fftt.spring.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.HealthReport;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The actuator's {@code fftt} health component: FFTT's health report ({@link
 * Diagnostics#healthReport()}) as its details, the same fields as the report's JSON ({@code
 * status}, {@code operations}, {@code loops}, {@code circuitBreakers}, {@code bulkheads}, {@code
 * issues}), and a status mapped so that the instance leaves a load balancer only when it cannot
 * serve:
 * <ul>
 *   <li>{@code HEALTHY} → {@code UP};
 *   <li>{@code DEGRADED} → {@code UP} (the details say why): an open circuit breaker or a full
 *       bulkhead is the instance protecting itself, and taking it out would move its load onto the
 *       others;
 *   <li>{@code UNHEALTHY} (an event loop is stalled now) → {@code DOWN}.
 * </ul>
 * Thread-safe: each call reads a fresh report.
 */
public class FfttHealthIndicator implements HealthIndicator {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Health health() {
    HealthReport report = Diagnostics.healthReport();
    return Health.status(statusOf(report.status())).withDetails(details(report)).build();
  }

  /** The actuator status for a report status; see the class comment. */
  public static Status statusOf(HealthReport.Status status) {
    return status == HealthReport.Status.UNHEALTHY ? Status.DOWN : Status.UP;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(HealthReport report) {
    try {
      // the report's own JSON, so the details and /fftt/health never differ in shape or names
      return JSON.readValue(report.toJson(), Map.class);
    } catch (JsonProcessingException e) {
      return Map.of("status", report.status().name(), "error", "the report could not be read: " + e);
    }
  }
}
