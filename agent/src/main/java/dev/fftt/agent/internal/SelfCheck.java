package dev.fftt.agent.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's check of itself, once per JVM, on its canary ({@code dev.fftt.agent.canary.Canary},
 * whose one method's body returns {@code null}): the agent's registered transformer weaves the
 * canary's class file, the result is defined in a class loader of its own (a child of the agent's)
 * and its method is called. Woven, the runtime's guard turns that {@code null} into a future
 * failed with {@link NullPointerException}; that result, and only that, means weaving works end
 * to end (the transformer takes such a class, the weaver rewrites it, the woven code reaches the
 * runtime and the guard runs). Anything else is reported: one line on standard error, and a
 * warning in the log with what to check. The application runs on either way.
 *
 * <p>Why not simply load the canary and let the JVM weave it: at the first woven class the check
 * runs inside the JVM's call of the transformer, and the JVM does not transform classes loaded
 * while a transformer runs on the same thread. That the JVM calls the transformer at all is shown
 * by every woven class.
 *
 * <p>When it runs: at install when {@code log=info|debug} (its verdict is part of the start line)
 * and on attach; otherwise when the first application class is woven. Weaving and the first
 * guarded call cost tens of milliseconds (ASM, method-handle adapters) that an application pays
 * at its first woven class anyway, so there the check adds little, and an application that weaves
 * nothing never pays for it. The canary's call starts no timer.
 *
 * <p>Thread-safe: the first caller of {@link #runOnce} runs the check, the others return at once.
 *
 * <p>Internal; not API, may change without notice.
 */
final class SelfCheck {

  /**
   * The canary's binary name. Not a class literal: the canary is never loaded under its name by
   * the agent's class loader (only its woven copy, in a loader of its own), and resolving the
   * literal would load it there. {@code SelfCheckTest} pins it to the class.
   */
  static final String CANARY = "dev.fftt.agent.canary.Canary";

  /** What a passed check says, for the start line. */
  static final String PASSED = "self-check passed (a woven method was guarded)";

  private final ClassFileTransformer transformer;
  private final PrintStream err;
  /** Claimed by the one thread that runs the check: the first to get here. */
  private final AtomicBoolean started = new AtomicBoolean();

  SelfCheck(ClassFileTransformer transformer, PrintStream err) {
    this.transformer = transformer;
    this.err = err;
  }

  /**
   * Runs the check unless it was started already; returns its verdict for the start line
   * ({@link #PASSED} or what failed), or {@code null} when another call ran it. Never throws.
   */
  String runOnce() {
    if (!started.compareAndSet(false, true)) {
      return null;
    }
    String problem;
    try {
      problem = callWovenCanary();
    } catch (Throwable t) {
      problem = "checking failed: " + t;
    }
    return verdict(problem);
  }

  /** The verdict on {@code problem} ({@code null}: none), reported when there is one. */
  String verdict(String problem) {
    if (problem == null) {
      return PASSED;
    }
    try {
      reportFailure(problem);
    } catch (Throwable t) {
      // reporting failed (say, a broken logging backend): never the application's problem
    }
    return "SELF-CHECK FAILED: " + problem;
  }

  /** Weaves, defines and calls the canary; returns what is wrong, or {@code null}. */
  private String callWovenCanary() throws Exception {
    ClassLoader agentLoader = SelfCheck.class.getClassLoader();
    if (agentLoader == null) {
      agentLoader = ClassLoader.getSystemClassLoader();
    }
    String internalName = CANARY.replace('.', '/');
    byte[] classFile;
    try (InputStream in = agentLoader.getResourceAsStream(internalName + ".class")) {
      if (in == null) {
        return "the agent's canary class " + CANARY + " is missing";
      }
      classFile = in.readAllBytes();
    }
    byte[] woven = transformer.transform(null, agentLoader, internalName, null, null, classFile);
    if (woven == null) {
      return "the agent's transformer did not weave its canary class " + CANARY;
    }
    Class<?> canary = new CanaryLoader(agentLoader).define(woven);
    Object result;
    try {
      result = canary.getMethod("call").invoke(null);
    } catch (InvocationTargetException e) {
      return problem(null, e.getCause());
    }
    return problem(result, null);
  }

  /**
   * What is wrong, given what a call of the woven canary returned or threw; {@code null} when it
   * returned a future failed with {@code NullPointerException}, as woven code does.
   */
  static String problem(Object result, Throwable thrown) {
    if (thrown != null) {
      return "the woven canary method threw " + thrown;
    }
    if (result == null) {
      return "the woven canary method ran unguarded (it returned the null its body returns)";
    }
    if (!(result instanceof CompletableFuture)) {
      return "the woven canary method returned " + result.getClass().getName();
    }
    CompletableFuture<?> future = (CompletableFuture<?>) result;
    if (!future.isCompletedExceptionally()) {
      return "the woven canary method returned a future that did not fail: " + future;
    }
    Throwable cause = failureOf(future);
    return cause instanceof NullPointerException ? null
        : "the woven canary method returned a future failed with " + cause;
  }

  private static Throwable failureOf(CompletableFuture<?> failed) {
    try {
      failed.getNow(null);
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    }
  }

  private void reportFailure(String problem) {
    err.println("FFTT agent: self-check failed, FFTT annotations may have no effect in this JVM: "
        + problem + "; see the warning logged under dev.fftt for what to check");
    err.flush();
    AgentLog.warn("self-check failed: " + problem + ". Woven methods may run unguarded (no"
        + " timeouts, retries or monitoring). Check: earlier 'cannot weave' or 'cannot guard'"
        + " warnings; that one FFTT version is in use (this agent's: " + Installer.version()
        + "; an fftt-runtime of another version that was loaded before an attach stays in use);"
        + " log=debug shows how each method was resolved");
  }

  /** Defines the woven canary, apart from everything else (the rest it delegates as usual). */
  private static final class CanaryLoader extends ClassLoader {
    CanaryLoader(ClassLoader parent) {
      super("fftt-self-check", parent);
    }

    Class<?> define(byte[] classFile) {
      return defineClass(CANARY, classFile, 0, classFile.length);
    }
  }
}
