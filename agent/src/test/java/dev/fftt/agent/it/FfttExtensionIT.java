package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fftt.agent.FfttAgent;
import dev.fftt.agent.it.app.MonitorService;
import dev.fftt.agent.it.app.TimeoutService;
import dev.fftt.agent.junit.FfttExtension;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JUnit extension as a user has it: from the agent jar on the test class path, attaching it
 * to this (failsafe) JVM, which was started without {@code -javaagent}.
 */
@ExtendWith(FfttExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FfttExtensionIT {

  @Test
  @Order(1)
  void annotatedCodeIsWovenInPlainTests() {
    assertThat(FfttAgent.isInstalled()).isTrue();
    assertThat(System.getProperty(FfttAgent.INSTALLED_PROPERTY)).isEqualTo("agentmain");
    // as users have it: the extension from the agent jar (which it attaches), not from classes
    assertThat(FfttExtension.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith(".jar");

    Throwable t = catchThrowable(() -> new TimeoutService().never().get());

    assertThat(t).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(AsyncTimeoutException.class)
        .hasMessageContaining("TimeoutService.never").hasMessageContaining("150 ms");
  }

  @Test
  @Order(2)
  void diagnosticsAreResetBeforeEachTest_first() throws Exception {
    new MonitorService().ok().get();
    assertThat(Diagnostics.operation("it_monitor")).get()
        .satisfies(s -> assertThat(s.calls()).isEqualTo(1));
  }

  @Test
  @Order(3)
  void diagnosticsAreResetBeforeEachTest_second() throws Exception {
    new MonitorService().ok().get();
    new MonitorService().ok().get();
    assertThat(Diagnostics.operation("it_monitor")).get()
        .satisfies(s -> assertThat(s.calls()).as("counts carried over from the test before")
            .isEqualTo(2));
  }
}
