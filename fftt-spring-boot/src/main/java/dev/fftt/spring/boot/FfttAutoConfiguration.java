package dev.fftt.spring.boot;

import dev.fftt.micrometer.FfttMetrics;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FFTT Async in a Spring Boot application: the {@code fftt} health component ({@link
 * FfttHealthIndicator}) when the actuator is present, switched off by {@code
 * management.health.fftt.enabled=false}; a bean named {@code ffttHealthIndicator} of the
 * application's replaces it. Nothing here touches weaving: the agent does that, and the runtime
 * already logs and carries the MDC through the application's own SLF4J.
 */
@AutoConfiguration
public class FfttAutoConfiguration {

  /** The {@code fftt} health component (a bean named {@code <name>HealthIndicator} is shown as {@code <name>}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
      com.fasterxml.jackson.databind.ObjectMapper.class})
  @ConditionalOnEnabledHealthIndicator("fftt")
  static class Health {

    @Bean
    @ConditionalOnMissingBean(name = "ffttHealthIndicator")
    FfttHealthIndicator ffttHealthIndicator() {
      return new FfttHealthIndicator();
    }
  }

  // ---- Micrometer ----------------------------------------------------------------------------
  // With fftt-micrometer present, its exporter binds FFTT's meters to Metrics.globalRegistry, and
  // Spring Boot adds its own registries to that one (management.metrics.use-global-registry,
  // default true): the meters reach /actuator/metrics and /actuator/prometheus already, and
  // binding them here as well would record every call twice into the same meters. Only an
  // application that keeps its registries out of the global one gets them bound here.
  /**
   * Binds FFTT's meters ({@link FfttMetrics}) to the application's registries when they are not
   * in {@code Metrics.globalRegistry} ({@code management.metrics.use-global-registry=false}).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder",
      "dev.fftt.micrometer.FfttMetrics"})
  @ConditionalOnProperty(name = "management.metrics.use-global-registry", havingValue = "false")
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    FfttMetrics ffttMetrics() {
      return new FfttMetrics();
    }
  }
}
