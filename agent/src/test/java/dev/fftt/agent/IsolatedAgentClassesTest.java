package dev.fftt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fftt.agent.internal.AgentOptions;
import dev.fftt.runtime.internal.weave.WovenSettings;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * What the agent runs before the runtime is on the boot class path (parsing its options, asking
 * whether it is installed) must load no runtime class: here the agent's classes are loaded where
 * the runtime cannot be found at all, so touching it would throw NoClassDefFoundError.
 */
class IsolatedAgentClassesTest {

  @Test
  void optionsAndTheInstalledFlagNeedNoRuntimeClass() throws Exception {
    URL agentClasses = FfttAgent.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated = new URLClassLoader("agent-only", new URL[] {agentClasses},
        ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> isolated.loadClass(WovenSettings.class.getName()))
          .as("the runtime must be out of reach here").isInstanceOf(ClassNotFoundException.class);

      Class<?> options = isolated.loadClass(AgentOptions.class.getName());
      Object parsed =
          options.getMethod("parse", String.class).invoke(null,
              "log=debug,monitor=off,health=9404,blocking=fail");
      Object level = options.getMethod("logLevel").invoke(parsed);
      Class<?> agent = isolated.loadClass(FfttAgent.class.getName());
      agent.getMethod("isInstalled").invoke(null);

      assertThat(parsed).hasToString("monitor=off,log=debug,health=9404,blocking=fail");
      assertThat(level).isEqualTo(WovenSettings.DEBUG);
    }
  }
}
