package dev.fftt.agent.junit;

import dev.fftt.agent.FfttAgent;
import dev.fftt.agent.internal.AgentOptions;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.jar.JarFile;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Attaches the FFTT agent to this JVM, once. Uses Byte Buddy's attach, which starts a helper JVM
 * for the attach when this one does not allow attaching to itself.
 */
final class SelfAttach {

  /** A system property naming the agent jar to attach, when this class is not loaded from it. */
  static final String JAR_PROPERTY = "fftt.agent.jar";

  private SelfAttach() {}

  static synchronized void ensureInstalled(String options) {
    if (FfttAgent.isInstalled()) {
      return;
    }
    try {
      AgentOptions.parse(options);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage() + " (JUnit configuration parameter "
          + FfttExtension.OPTIONS_PARAMETER + ")");
    }
    File jar = agentJar();
    try {
      if (jar != null) {
        ByteBuddyAgent.attach(jar, String.valueOf(ProcessHandle.current().pid()), options);
      } else {
        // Not packaged (e.g. the agent's own build): install from the classes in place.
        Instrumentation instrumentation = ByteBuddyAgent.install();
        FfttAgent.agentmain(options, instrumentation);
      }
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException("cannot attach the FFTT agent"
          + (jar == null ? "" : " " + jar) + " to this JVM: " + e
          + "; add -javaagent:<fftt-agent jar> to the test JVM's arguments instead", e);
    }
    if (!FfttAgent.isInstalled()) {
      throw new ExtensionConfigurationException("the FFTT agent" + (jar == null ? "" : " " + jar)
          + " was attached but did not install; see the test JVM's standard error");
    }
  }

  /** The agent jar: the system property, else the jar this class came from, else {@code null}. */
  static File agentJar() {
    String property = System.getProperty(JAR_PROPERTY);
    if (property != null && !property.isBlank()) {
      File file = new File(property);
      if (!file.isFile()) {
        throw new ExtensionConfigurationException(JAR_PROPERTY + "=" + property
            + " is not a file");
      }
      return file;
    }
    CodeSource source = SelfAttach.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      File file = new File(source.getLocation().toURI());
      if (!file.isFile()) {
        return null;
      }
      try (JarFile jar = new JarFile(file)) {
        return jar.getManifest() != null
            && jar.getManifest().getMainAttributes().getValue("Agent-Class") != null ? file : null;
      }
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return null;
    }
  }
}
