package dev.fftt.agent.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fftt.agent.FfttAgent;
import dev.fftt.agent.fixtures.ExtensionFixture;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension when it is not loaded from the agent jar (here: target/classes, as in an IDE):
 * it installs the agent from the classes in place, with the runtime from the class path.
 */
@ExtendWith(FfttExtension.class)
@Timeout(60)
class FfttExtensionInPlaceTest {

  @Test
  void installsTheAgentInPlaceAndWeaves() {
    assertThat(SelfAttach.agentJar()).as("this test needs the extension outside a jar").isNull();
    assertThat(FfttAgent.isInstalled()).isTrue();

    Throwable t = catchThrowable(() -> new ExtensionFixture().never().get(5, TimeUnit.SECONDS));

    assertThat(t).as("woven: fails after its 50 ms").cause().isInstanceOf(AsyncTimeoutException.class)
        .hasMessageContaining("unit_extension_never");
    assertThat(Diagnostics.operation("unit_extension_never")).get()
        .satisfies(s -> assertThat(s.timeouts()).isEqualTo(1));
  }
}
