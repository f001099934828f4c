package dev.fftt.agent.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Weaves FFTT-annotated code in plain {@code mvn test}: before the first test class that uses it,
 * attaches the FFTT agent to the test JVM itself (classes loaded already are woven in place, the
 * others as they load), and before each test resets {@code Diagnostics}.
 *
 * <pre>{@code
 * @ExtendWith(FfttExtension.class)
 * class OrderServiceTest { ... }
 * }</pre>
 *
 * <p>The agent attached is the jar this class was loaded from (the {@code fftt-agent} test
 * dependency), or the jar named by the system property {@value SelfAttach#JAR_PROPERTY}. Options
 * as after {@code -javaagent:...=} come from the JUnit configuration parameter
 * {@value #OPTIONS_PARAMETER} (e.g. in {@code junit-platform.properties}). When the JVM was
 * started with {@code -javaagent} already, nothing is attached. On Java 21 and later the JVM
 * warns about an agent loaded dynamically unless started with
 * {@code -XX:+EnableDynamicAgentLoading}; {@code -javaagent} in surefire's {@code argLine} avoids
 * both the warning and the attach.
 *
 * <p>Thread-safe: the attach happens once per JVM.
 */
public final class FfttExtension implements BeforeAllCallback, BeforeEachCallback {

  /** The JUnit configuration parameter holding the agent's options. */
  public static final String OPTIONS_PARAMETER = "fftt.agent.options";

  /** Creates the extension (JUnit does, for {@code @ExtendWith}). */
  public FfttExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    SelfAttach.ensureInstalled(context.getConfigurationParameter(OPTIONS_PARAMETER).orElse(""));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    RuntimeAccess.resetDiagnostics();
  }
}
