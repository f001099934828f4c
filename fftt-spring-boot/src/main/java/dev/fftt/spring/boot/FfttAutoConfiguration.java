package dev.fftt.spring.boot;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

  // ---- Micrometer: the place for module fftt-micrometer (being written separately) ----------
  // FFTT's meters on the application's MeterRegistry. Spring Boot binds every MeterBinder bean to
  // its registries, so the binder is published as a bean here; until fftt-micrometer exists this
  // configuration is skipped (its class is absent). When it lands: depend on it (optional), build
  // the binder with `new FfttMetrics()` instead of by name, and settle with it that its own
  // `micrometer=auto` binding of Metrics.globalRegistry and this one do not count twice (Spring
  // Boot adds its registry to the global one unless management.metrics.use-global-registry=false).
  /** Binds FFTT's meters ({@code dev.fftt.micrometer.FfttMetrics}) to the application's registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder",
      Metrics.FFTT_METRICS})
  static class Metrics {

    static final String FFTT_METRICS = "dev.fftt.micrometer.FfttMetrics";

    @Bean
    @ConditionalOnMissingBean(type = FFTT_METRICS)
    MeterBinder ffttMetrics() throws ReflectiveOperationException {
      return (MeterBinder) Class.forName(FFTT_METRICS, true, Metrics.class.getClassLoader())
          .getConstructor().newInstance();
    }
  }
}
