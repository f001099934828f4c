package dev.fftt.agent.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports what the weaving did: each class woven at {@code log=info}, and every problem once per
 * class and class loader (a class that cannot be woven, annotations that are ignored), with the
 * reason. A class that cannot be woven runs as it was written. Given a {@link SelfCheck}, it runs
 * that check when the first class other than the canary is woven.
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
class WeaveListener {

  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  /**
   * Run at the first class woven, or {@code null}: set once, before the transformer is
   * registered; volatile because the JVM calls the transformer on any thread.
   */
  private volatile SelfCheck atFirstWeave;

  /** Has {@code check} run when the first class other than the canary is woven. */
  void checkAtFirstWeave(SelfCheck check) {
    atFirstWeave = check;
  }

  /** {@code type} was woven ({@code methods} of its methods). */
  void woven(String type, boolean loaded, int methods) {
    if (type.equals(SelfCheck.CANARY)) {
      return; // the agent's own test of itself: not news
    }
    if (AgentLog.infoEnabled()) {
      AgentLog.info("wove " + type + " (" + methods + " method" + (methods == 1 ? "" : "s")
          + (loaded ? ", retransformed" : "") + ")");
    }
    SelfCheck check = atFirstWeave;
    if (check != null) {
      check.runOnce(); // inside the transformation of this class (see SelfCheck); never throws
    }
  }

  /** {@code type} could not be woven. */
  void failed(String type, ClassLoader loader, Throwable failure) {
    if (!firstTime("failed", type, loader)) {
      return;
    }
    String reason = failure instanceof Weaver.UnweavableClassException
        ? failure.getMessage() : String.valueOf(failure);
    AgentLog.warn("cannot weave " + type + " (class loader " + describe(loader) + "): " + reason
        + "; the class runs unwoven");
    AgentLog.debug("why " + type + " could not be woven", failure);
  }

  /** An FFTT-annotated method that is not woven, and why. */
  void misapplied(String type, ClassLoader loader, String method, String why) {
    if (firstTime("misapplied " + method, type, loader)) {
      AgentLog.warn("the FFTT annotations on " + type + "." + method + " are ignored: " + why);
    }
  }

  private boolean firstTime(String what, String type, ClassLoader loader) {
    return reported.add(what + " " + type + " @" + System.identityHashCode(loader));
  }

  static String describe(ClassLoader loader) {
    if (loader == null) {
      return "boot";
    }
    String name = loader.getName();
    return name != null ? name : loader.getClass().getName();
  }
}
