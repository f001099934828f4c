package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.loop.BlockingCalls;
import dev.fftt.runtime.internal.util.RuntimeFiles;
import dev.fftt.runtime.internal.weave.Overrides;
import dev.fftt.runtime.internal.weave.WovenSettings;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * Installs the weaving: configures the runtime side, registers the transformer (retransformation
 * capable), on attach weaves the classes already loaded, and has the agent check itself
 * ({@link SelfCheck}). Called once per JVM ({@code FfttAgent} claims the install), and only after
 * the runtime has been made reachable ({@link BootJars}).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Installer {

  private Installer() {}

  /**
   * Installs the weaving with {@code options}; {@code how} is "premain" or "agentmain" (then the
   * loaded classes are woven before this returns); {@code bootNote} says where the runtime is,
   * {@code bootJar} the jar appended to the boot class path (or {@code null}). Throws only
   * before the transformer is registered ({@link BadConfiguration} for a bad configuration
   * override); from then on problems are reported and the application runs on. Starts the health
   * page last, when {@code health=} asks for it.
   */
  public static void install(Instrumentation instrumentation, AgentOptions options, String how,
      String bootNote, Path bootJar) {
    if (bootJar != null) {
      RuntimeFiles.bootJar(bootJar); // the runtime's resources are not visible there otherwise
    }
    WovenSettings.configure(options.monitor(), options.logLevel());
    Exports.configure(options.exportersOff());
    // Before anything is woven: a bad override stops here (BadConfiguration), nothing changed.
    Overrides overrides = OverrideCheck.read(options, System.getProperties(), System.getenv(),
        ClassLoader.getSystemClassLoader());
    Overrides.install(overrides);
    if (options.blocking() != BlockingCalls.OFF) {
      // Also before anything is woven: a bad blocking.allow stops here, nothing changed yet.
      BlockingSetup.install(instrumentation, options.blocking(), overrides,
          System.getProperties(), System.getenv(), ClassLoader.getSystemClassLoader());
    }
    if (!overrides.isEmpty() && AgentLog.infoEnabled()) {
      AgentLog.info("configuration overrides read: " + String.join(", ", overrides.describeAll()));
    }
    long start = System.nanoTime();
    boolean attach = how.equals("agentmain");
    WeaveListener listener = new WeaveListener();
    // No lambda here: the first one in a JVM costs its startup the lambda bootstrap.
    GuardTransformer transformer =
        new GuardTransformer(instrumentation, options.monitor(), listener);
    SelfCheck selfCheck = new SelfCheck(transformer, System.err);
    // At start with log=warn the check waits for the first woven class (see SelfCheck).
    boolean checkNow = attach || AgentLog.infoEnabled();
    if (!checkNow) {
      listener.checkAtFirstWeave(selfCheck);
    }
    instrumentation.addTransformer(transformer, true);
    HealthPageStart.start(options, System.err);
    try {
      int candidates = attach ? LoadedClasses.retransform(instrumentation, listener) : 0;
      if (!checkNow) {
        return;
      }
      String verdict = selfCheck.runOnce();
      AgentLog.info("version " + version() + (attach ? " attached" : " installed at start") + " ("
          + options + "); " + bootNote + "; " + verdict
          + (attach ? "; " + candidates + " loaded class(es) to weave" : "") + "; "
          + (System.nanoTime() - start) / 1_000_000 + " ms");
    } catch (RuntimeException | Error e) {
      AgentLog.warn("installed, but the install did not complete: " + e, e);
    }
  }

  /** The agent's version, from its jar's manifest. */
  static String version() {
    String version = Installer.class.getPackage().getImplementationVersion();
    return version != null ? version : "(unknown: not run from the agent jar)";
  }
}
