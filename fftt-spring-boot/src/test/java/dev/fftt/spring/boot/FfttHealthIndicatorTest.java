package dev.fftt.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code fftt} component's status follows the report: HEALTHY and DEGRADED are UP (an open
 * breaker must not take the instance out of a load balancer), UNHEALTHY is DOWN; the details are
 * the report. Driven through the real runtime, from the auto-configured bean.
 */
class FfttHealthIndicatorTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FfttAutoConfiguration.class));

  @BeforeEach
  @AfterEach
  void reset() {
    Diagnostics.reset();
  }

  @Test
  void everyReportStatusMapsToAnActuatorStatus() {
    assertThat(FfttHealthIndicator.statusOf(HealthReport.Status.HEALTHY)).isEqualTo(Status.UP);
    assertThat(FfttHealthIndicator.statusOf(HealthReport.Status.DEGRADED)).isEqualTo(Status.UP);
    assertThat(FfttHealthIndicator.statusOf(HealthReport.Status.UNHEALTHY)).isEqualTo(Status.DOWN);
  }

  @Test
  void healthyIsUpWithTheReportAsDetails() {
    runner.run(context -> {
      Health health = context.getBean("ffttHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("status", "HEALTHY")
          .containsKeys("operations", "loops", "circuitBreakers", "bulkheads", "issues");
    });
  }

  @Test
  void anOpenBreakerIsDegradedAndStillUp() {
    AsyncGuard<String> guard = Async.<String>guard("SpringHealth.open").monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5).delay(Duration.ofMinutes(5))
        .done().build();
    for (int i = 0; i < 2; i++) {
      CompletableFuture<String> call = guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));
      await().atMost(Duration.ofSeconds(20)).until(call::isDone);
    }

    runner.run(context -> {
      Health health = context.getBean("ffttHealthIndicator", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("status", "DEGRADED");
      assertThat(breakers(health)).anySatisfy(b -> assertThat(b)
          .containsEntry("name", "SpringHealth.open").containsEntry("state", "OPEN"));
      assertThat((List<?>) health.getDetails().get("issues")).asString().contains("SpringHealth.open");
    });
  }

  @Test
  void aStalledLoopIsUnhealthyAndDown() throws Exception {
    EventLoop loop = EventLoops.start("spring-health-stall");
    CountDownLatch release = new CountDownLatch(1);
    try {
      loop.execute(() -> {
        try {
          release.await(); // blocks the loop: the watchdog sees it stall
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      await().atMost(Duration.ofSeconds(30))
          .until(() -> Diagnostics.healthReport().status() == HealthReport.Status.UNHEALTHY);

      runner.run(context -> {
        Health health = context.getBean("ffttHealthIndicator", HealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("status", "UNHEALTHY");
      });
    } finally {
      release.countDown();
      loop.shutdown();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> breakers(Health health) {
    return (List<Map<String, Object>>) health.getDetails().get("circuitBreakers");
  }
}
