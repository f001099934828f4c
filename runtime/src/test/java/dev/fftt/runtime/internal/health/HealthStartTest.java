package dev.fftt.runtime.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The health page's setting, as the agent's {@code health=} and {@code -Dfftt.health=} read it. */
class HealthStartTest {

  @Test
  void readsOffAPortAndAHostWithAPort() {
    assertThat(HealthStart.parse("off")).isEqualTo(new HealthStart.Where(null, 0));
    assertThat(HealthStart.parse(" 9404 ")).isEqualTo(new HealthStart.Where(null, 9404));
    assertThat(HealthStart.parse("0.0.0.0:80")).isEqualTo(new HealthStart.Where("0.0.0.0", 80));
    assertThat(HealthStart.parse("[::1]:9404")).isEqualTo(new HealthStart.Where("::1", 9404));
  }

  @Test
  void refusesWhatIsNoPort() {
    assertThat(HealthStart.parse("0")).isNull();
    assertThat(HealthStart.parse("65536")).isNull();
    assertThat(HealthStart.parse("on")).isNull();
    assertThat(HealthStart.parse("host:")).isNull();
  }

  @Test
  void aPortInUseIsOneLineAndNoThrow() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      HealthStart.start(null, taken.getLocalPort(), null, false, "FFTT: ",
          new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(1);
    assertThat(text).startsWith("FFTT: ")
        .endsWith("; the application runs on without the health page" + System.lineSeparator());
  }
}
