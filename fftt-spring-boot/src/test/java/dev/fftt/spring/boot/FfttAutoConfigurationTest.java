package dev.fftt.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.micrometer.FfttMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the auto-configuration contributes, and when it steps back. */
class FfttAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FfttAutoConfiguration.class));

  @Test
  void contributesTheFfttHealthComponent() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(FfttHealthIndicator.class);
      assertThat(context).hasBean("ffttHealthIndicator"); // shown by the actuator as "fftt"
    });
  }

  @Test
  void isSwitchedOffLikeAnyHealthIndicator() {
    runner.withPropertyValues("management.health.fftt.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(FfttHealthIndicator.class));
    runner.withPropertyValues("management.health.defaults.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(FfttHealthIndicator.class));
  }

  @Test
  void anIndicatorOfTheApplicationsOwnUnderThatNameWins() {
    HealthIndicator own = () -> org.springframework.boot.actuate.health.Health.up().build();
    runner.withBean("ffttHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> {
          assertThat(context).doesNotHaveBean(FfttHealthIndicator.class);
          assertThat(context.getBean("ffttHealthIndicator")).isSameAs(own);
        });
  }

  @Test
  void withoutTheActuatorNothingIsContributedAndTheApplicationStarts() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(FfttHealthIndicator.class);
        });
  }

  @Test
  void theMetersAreLeftToTheGlobalRegistryByDefault() {
    // fftt-micrometer's exporter binds Metrics.globalRegistry, which holds Boot's registries:
    // a second binding here would record every call twice
    runner.run(context -> assertThat(context).doesNotHaveBean(FfttMetrics.class));
  }

  @Test
  void theMetersAreBoundHereWhenBootKeepsItsRegistriesOutOfTheGlobalOne() {
    runner.withPropertyValues("management.metrics.use-global-registry=false")
        .run(context -> assertThat(context).hasSingleBean(FfttMetrics.class));
    runner.withPropertyValues("management.metrics.use-global-registry=false")
        .withClassLoader(new FilteredClassLoader(FfttMetrics.class))
        .run(context -> assertThat(context).doesNotHaveBean("ffttMetrics"));
  }
}
