package dev.fftt.runtime.internal.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HealthRuleTest {

  /** Runs {@code action} and returns what it logged as warnings through the runtime's logger. */
  private static <T> T logged(Supplier<T> action, List<String> warnings) {
    Logger logger = (Logger) LoggerFactory.getLogger("dev.fftt");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      return action.get();
    } finally {
      logger.detachAppender(appender);
      appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .forEach(e -> warnings.add(e.getFormattedMessage()));
    }
  }

  @Test
  void aGoodOrMissingValueIsTakenWithoutAWarning() {
    List<String> warnings = new java.util.ArrayList<>();

    assertThat(logged(() -> HealthRule.minimumCalls(null), warnings)).isEqualTo(10);
    assertThat(logged(() -> HealthRule.minimumCalls("25"), warnings)).isEqualTo(25);
    assertThat(logged(() -> HealthRule.minimumCalls(" 7 "), warnings)).isEqualTo(7);
    assertThat(logged(() -> HealthRule.minimumCalls("1"), warnings)).isEqualTo(1);

    assertThat(warnings).isEmpty();
    assertThat(HealthRule.DEFAULT_MINIMUM_CALLS).isEqualTo(10);
  }

  @Test
  void aBadValueWarnsOnceNamingThePropertyTheValueAndTheDefaultUsed() {
    for (String bad : List.of("ten", "0", "-3", "", "2.5", "99999999999")) {
      List<String> warnings = new java.util.ArrayList<>();

      int used = logged(() -> HealthRule.minimumCalls(bad), warnings);

      assertThat(used).as("for '%s'", bad).isEqualTo(HealthRule.DEFAULT_MINIMUM_CALLS);
      assertThat(warnings).as("for '%s'", bad).singleElement().asString()
          .contains("fftt.health.minimumCalls='" + bad + "'")
          .contains("using the default 10");
    }
  }

  @Test
  void failingNeedsTheMinimumNumberOfCallsAndMoreThanTenPercent() {
    // below the minimum: never failing, even when every call failed
    assertThat(HealthRule.failing(9, 9, 10)).isFalse();
    assertThat(HealthRule.failing(1, 1, 10)).isFalse();
    // at the minimum: failing as soon as the share is above 10%
    assertThat(HealthRule.failing(10, 2, 10)).isTrue();
    assertThat(HealthRule.failing(10, 1, 10)).isFalse(); // exactly 10% is not above it
    assertThat(HealthRule.failing(11, 1, 10)).isFalse();
    assertThat(HealthRule.failing(20, 3, 10)).isTrue();
    // a minimum of 1 is the rule without a minimum
    assertThat(HealthRule.failing(1, 1, 1)).isTrue();
    assertThat(HealthRule.failing(0, 0, 1)).isFalse();
  }
}
