package dev.fftt.agent;

import dev.fftt.agent.internal.AgentOptions;
import dev.fftt.agent.internal.BadConfiguration;
import dev.fftt.agent.internal.BootJars;
import dev.fftt.agent.internal.Installer;
import dev.fftt.runtime.internal.weave.StandaloneStart;
import java.lang.instrument.Instrumentation;

/**
 * The FFTT agent's entry points: {@code -javaagent:fftt-agent.jar[=options]} at start
 * ({@link #premain}) and an attach to a running JVM ({@link #agentmain}). Both install the same
 * weaving once per JVM; a second install is a no-op.
 *
 * <p>Options, comma-separated after {@code =}: {@code monitor=on|off} (default on),
 * {@code log=warn|info|debug} (default warn), {@code config=<path>} (a configuration
 * overrides file) and {@code health=off|<port>|<host>:<port>} (default off: the live health page;
 * a port alone binds 127.0.0.1; a port in use is one line on standard error, and the application
 * runs on without the page) and {@code blocking=off|warn|fail} (default off: blocking calls on
 * event-loop threads caught at run time, see {@code BlockingSetup}). A bad configuration override
 * (or a bad {@code blocking.allow}/{@code blocking.extra}) is handled like a bad option. An unknown option or a bad value prints one line
 * on standard error naming it and the valid choices; at start the JVM then exits with status 2,
 * on attach the attach fails and the application goes on untouched.
 *
 * <p>Whether the agent is installed is recorded in one place, the system property
 * {@value #INSTALLED_PROPERTY}: it is JVM-wide, so every copy of the agent's classes (say, one
 * loaded by a test framework's class loader) sees the same record, and reading it loads nothing.
 *
 * <p>This class refers to nothing but the JDK, the option parser and the boot jar's placement
 * (and a compile-time constant of the runtime, which javac copies in)
 * before the install: the runtime's classes must not be loaded before the agent has put its copy
 * of them on the boot class path.
 *
 * <p>Thread-safe.
 */
public final class FfttAgent {

  /**
   * The system property that records the install: set to how the agent was installed
   * ({@code premain} or {@code agentmain}) when the install begins, removed again if it fails.
   * The agent sets it; a JVM started with it set is taken to be woven already. The runtime's
   * standalone start (code woven at build time) reads the same name: a compile-time constant of
   * the runtime, copied here by javac, so no runtime class is loaded before the install.
   */
  public static final String INSTALLED_PROPERTY = StandaloneStart.AGENT_INSTALLED;

  private FfttAgent() {}

  /** Called by the JVM for {@code -javaagent}. Never throws; bad options end the JVM (status 2). */
  public static void premain(String arguments, Instrumentation instrumentation) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      // One line, then stop: a thrown exception would make the JVM print a stack trace and abort.
      System.err.println(e.getMessage());
      System.err.flush();
      System.exit(2);
      return;
    }
    try {
      install(instrumentation, options, "premain");
    } catch (BadConfiguration e) {
      System.err.println(e.getMessage()); // as for a bad option: one line, then stop
      System.err.flush();
      System.exit(2);
    } catch (Throwable t) {
      // The agent never keeps the application from running: it runs unwoven.
      System.err.println("FFTT agent: not installed, the application runs unwoven: " + t);
    }
  }

  /**
   * Called by the JVM when the agent is attached to a running JVM. When it returns, the classes
   * already loaded are woven.
   *
   * @throws IllegalArgumentException for a bad option or a bad configuration override (the
   *     attach fails; nothing is changed)
   */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(arguments);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.flush();
      e.setStackTrace(new StackTraceElement[0]); // the JVM prints it: the message is what matters
      throw e;
    }
    try {
      install(instrumentation, options, "agentmain");
    } catch (BadConfiguration e) {
      System.err.println(e.getMessage());
      System.err.flush();
      throw e;
    }
  }

  /**
   * Whether the agent's weaving is installed in this JVM (by any of its entry points, or by a
   * copy of the agent loaded elsewhere): true from the start of an install that then succeeds.
   * Loads no runtime class.
   */
  public static boolean isInstalled() {
    return System.getProperty(INSTALLED_PROPERTY) != null;
  }

  private static void install(Instrumentation instrumentation, AgentOptions options, String how) {
    // The claim: Properties.putIfAbsent is atomic (a concurrent map inside), so of two installs
    // racing (two copies of this class, or two attaches) exactly one goes on.
    if (System.getProperties().putIfAbsent(INSTALLED_PROPERTY, how) != null) {
      return; // attaching twice weaves once
    }
    try {
      // First the boot class path, so that every class loader resolves dev.fftt.runtime.* to
      // the one copy there; only then a class that refers to the runtime (the installer).
      BootJars.Appended boot =
          BootJars.append(instrumentation, FfttAgent.class, "agentmain".equals(how));
      Installer.install(instrumentation, options, how, boot.note(), boot.jar());
    } catch (RuntimeException | Error e) {
      // No transformer was registered (that is the installer's last step that can fail): a
      // later attach may try again.
      System.getProperties().remove(INSTALLED_PROPERTY, how);
      throw e;
    }
  }
}
