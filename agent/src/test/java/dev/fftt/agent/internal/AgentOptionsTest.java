package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.internal.weave.WovenSettings;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  @Test
  void defaults() {
    for (String none : new String[] {null, "", "  ", ","}) {
      AgentOptions options = AgentOptions.parse(none);
      assertThat(options.monitor()).isTrue();
      assertThat(options.logLevel()).isEqualTo(WovenSettings.WARN);
    }
  }

  @Test
  void everyOptionAndValue() {
    assertThat(AgentOptions.parse("monitor=off").monitor()).isFalse();
    assertThat(AgentOptions.parse("monitor=ON").monitor()).isTrue();
    assertThat(AgentOptions.parse("log=info").logLevel()).isEqualTo(WovenSettings.INFO);
    assertThat(AgentOptions.parse(" log = debug , monitor=off ").toString())
        .isEqualTo("monitor=off,log=debug");
    assertThat(AgentOptions.parse("log=debug,log=warn").logLevel()).isEqualTo(WovenSettings.WARN);
  }

  @Test
  void exportersAreAutoUnlessTurnedOff() {
    assertThat(AgentOptions.parse("").exportersOff()).isEmpty();
    AgentOptions options = AgentOptions.parse("otel=off,micrometer=OFF,jfr=off,jfr=auto");
    assertThat(options.exportersOff()).containsExactlyInAnyOrder("otel", "micrometer");
    assertThat(options.toString()).isEqualTo("monitor=on,log=warn,micrometer=off,otel=off");
    assertThatThrownBy(() -> AgentOptions.parse("otel=on"))
        .hasMessage("FFTT agent: bad value 'on' for option 'otel'; valid values: auto, off");
  }

  @Test
  void badOptionsAreNamedWithTheValidChoices() {
    assertThatThrownBy(() -> AgentOptions.parse("monitor=yes"))
        .hasMessage("FFTT agent: bad value 'yes' for option 'monitor'; valid values: on, off");
    assertThatThrownBy(() -> AgentOptions.parse("log=trace"))
        .hasMessage("FFTT agent: bad value 'trace' for option 'log'; valid values: warn, info, debug");
    assertThatThrownBy(() -> AgentOptions.parse("speed=fast"))
        .hasMessage("FFTT agent: unknown option 'speed'; valid options: monitor=on|off,"
            + " log=warn|info|debug, config=<path>, micrometer|jfr|otel=auto|off");
    assertThatThrownBy(() -> AgentOptions.parse("log"))
        .hasMessage("FFTT agent: option 'log' has no value; valid options: monitor=on|off,"
            + " log=warn|info|debug, config=<path>, micrometer|jfr|otel=auto|off");
  }
}
