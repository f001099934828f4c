package dev.fftt.agent.internal;

import dev.fftt.runtime.internal.weave.WovenSettings;
import java.lang.instrument.Instrumentation;

/**
 * Installs the weaving: configures the runtime side, registers the transformer (retransformation
 * capable) and, on attach, weaves the classes already loaded. Called once per JVM ({@code FfttAgent}
 * claims the install), and only after the runtime has been made reachable ({@link BootJars}).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Installer {

  private Installer() {}

  /**
   * Installs the weaving with {@code options}; {@code how} is "premain" or "agentmain" (then the
   * loaded classes are woven before this returns); {@code bootNote} says where the runtime is.
   */
  public static void install(Instrumentation instrumentation, AgentOptions options, String how,
      String bootNote) {
    WovenSettings.configure(options.monitor(), options.logLevel());
    long start = System.nanoTime();
    WeaveListener listener = new WeaveListener();
    // No lambda here: the first one in a JVM costs its startup the lambda bootstrap.
    GuardTransformer transformer =
        new GuardTransformer(instrumentation, options.monitor(), listener);
    instrumentation.addTransformer(transformer, true);
    if (how.equals("agentmain")) {
      int candidates = LoadedClasses.retransform(instrumentation, listener);
      AgentLog.debug("attached (" + options + "); " + candidates + " loaded class(es) to weave; "
          + bootNote + "; " + (System.nanoTime() - start) / 1_000_000 + " ms");
    } else {
      AgentLog.debug("installed at start (" + options + "); " + bootNote);
    }
  }
}
