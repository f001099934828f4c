package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.runtime.internal.loop.BlockingCalls;
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
            + " log=warn|info|debug, config=<path>, health=off|<port>|<host>:<port>,"
            + " blocking=off|warn|fail, micrometer|jfr|otel=auto|off");
    assertThatThrownBy(() -> AgentOptions.parse("log"))
        .hasMessage("FFTT agent: option 'log' has no value; valid options: monitor=on|off,"
            + " log=warn|info|debug, config=<path>, health=off|<port>|<host>:<port>,"
            + " blocking=off|warn|fail, micrometer|jfr|otel=auto|off");
  }

  @Test
  void blockingIsOffByDefaultAndTakesWarnOrFail() {
    assertThat(AgentOptions.parse("").blocking()).isEqualTo(BlockingCalls.OFF);
    assertThat(AgentOptions.parse("blocking=off").blocking()).isEqualTo(BlockingCalls.OFF);
    assertThat(AgentOptions.parse("blocking=WARN").blocking()).isEqualTo(BlockingCalls.WARN);
    AgentOptions fail = AgentOptions.parse("blocking=warn,blocking=fail");
    assertThat(fail.blocking()).isEqualTo(BlockingCalls.FAIL);
    assertThat(fail).hasToString("monitor=on,log=warn,blocking=fail");
    assertThat(AgentOptions.parse("blocking=off")).hasToString("monitor=on,log=warn");
    assertThatThrownBy(() -> AgentOptions.parse("blocking=on"))
        .hasMessage("FFTT agent: bad value 'on' for option 'blocking'; valid values: off, warn,"
            + " fail");
  }

  @Test
  void healthIsOffByDefaultAPortAloneMeansLoopbackAndAHostMustBeNamed() {
    assertThat(AgentOptions.parse("").healthPort()).isZero();
    assertThat(AgentOptions.parse("health=off").healthPort()).isZero();
    assertThat(AgentOptions.parse("health=9404,health=OFF").healthPort()).isZero();
    AgentOptions port = AgentOptions.parse("health=9404");
    assertThat(port.healthPort()).isEqualTo(9404);
    assertThat(port.healthHost()).isNull();
    assertThat(port).hasToString("monitor=on,log=warn,health=9404");
    AgentOptions named = AgentOptions.parse("health=0.0.0.0:1");
    assertThat(named.healthHost()).isEqualTo("0.0.0.0");
    assertThat(named.healthPort()).isEqualTo(1);
    assertThat(AgentOptions.parse("health=metrics-host.example:65535").healthHost())
        .isEqualTo("metrics-host.example");
    AgentOptions v6 = AgentOptions.parse("health=[::1]:9404");
    assertThat(v6.healthHost()).isEqualTo("::1");
    assertThat(v6).hasToString("monitor=on,log=warn,health=[::1]:9404");
  }

  @Test
  void aBadHealthValueIsNamedWithTheValidChoices() {
    for (String bad : new String[] {"0", "65536", "99999", "on", "localhost", "localhost:",
        ":9404", "::1:9404", "[::1]", "a b:9404", "9404/x", "-1", ""}) {
      assertThatThrownBy(() -> AgentOptions.parse("health=" + bad)).as(bad)
          .hasMessage("FFTT agent: bad value '" + bad + "' for option 'health'; valid values: off,"
              + " <port>, <host>:<port> (a port from 1 to 65535; an IPv6 address in brackets,"
              + " e.g. [::1]:9404)");
    }
  }
}
