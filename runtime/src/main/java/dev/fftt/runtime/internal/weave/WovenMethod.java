package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.CompletionStage;

/**
 * One woven method as the runtime sees it: its policy, resolved once, and a handle that runs its
 * original body again. The agent's advice obtains the instance through an {@code invokedynamic}
 * constant ({@link WovenBootstrap}), so each woven method has exactly one, owned by its class.
 *
 * <p>How a call goes: the advice at method entry calls {@link #enter}. Unless this thread is
 * re-entering for an attempt, that returns the caller's future from {@link Guard#call} and the
 * advice skips the original body and returns that future instead. Each attempt the guard starts
 * ({@link WovenAttempt}) marks its thread as re-entering for this method and invokes the method
 * again through {@link #invoker}, with the same receiver and arguments: the advice sees the mark,
 * clears it and lets the original body run. So a retry or a {@code runOn} attempt runs the body
 * again, later and on another thread, without any method added to the woven class (which keeps
 * retransformation of loaded classes possible).
 *
 * <p>Thread-safe: immutable apart from the per-thread re-entry mark.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenMethod {

  /**
   * The method whose next entry on this thread runs its body: set by an attempt just before it
   * invokes the method, cleared by that entry (and again by the attempt when it returns).
   */
  private static final ThreadLocal<WovenMethod> REENTRY = new ThreadLocal<>();

  private final String name;
  private final GuardPolicy policy;
  private final MethodHandle invoker;

  /**
   * @param name the method as {@code Class.method}, for messages
   * @param policy the policy, or {@code null} to let every call run the body unguarded
   * @param invoker the body as {@code (Object receiver, Object[] arguments)Object}; ignored
   *     without a policy
   */
  WovenMethod(String name, GuardPolicy policy, MethodHandle invoker) {
    this.name = name;
    this.policy = policy;
    this.invoker = invoker;
  }

  /** A method left unguarded (no policy applies, or it could not be resolved). */
  static WovenMethod passThrough(String name) {
    return new WovenMethod(name, null, null);
  }

  /**
   * Called by the advice at method entry. Returns {@code null} when the original body is to run
   * now (this thread re-enters for an attempt, or the method is not guarded); otherwise the
   * caller's future, which the method returns without running its body here. Never throws.
   *
   * @param receiver the receiver, {@code null} for a static method
   * @param arguments the arguments as the caller passed them (primitives boxed)
   */
  public Object enter(Object receiver, Object[] arguments) {
    GuardPolicy p = policy;
    if (p == null) {
      return null;
    }
    if (REENTRY.get() == this) {
      REENTRY.set(null); // consumed: calls the body makes from here on are guarded as usual
      return null;
    }
    return Guard.call(p, new WovenAttempt(this, receiver, arguments));
  }

  /** Runs the original body once (one attempt); may throw what the body throws. */
  @SuppressWarnings("unchecked")
  CompletionStage<Object> invokeBody(Object receiver, Object[] arguments) throws Throwable {
    REENTRY.set(this);
    try {
      Object stage = invoker.invokeExact(receiver, arguments);
      if (stage == null) {
        // named by the method, not the operation: under @AsyncMonitor("x") "x" would not say
        // which method broke the contract
        throw new NullPointerException(name + " returned null instead of a CompletionStage");
      }
      return (CompletionStage<Object>) stage;
    } finally {
      // Normally the entry already cleared it; this covers a body that was never entered.
      REENTRY.set(null);
    }
  }

  /** Whether calls are guarded (false: every call runs the body as written). */
  public boolean guarded() {
    return policy != null;
  }

  /** The resolved policy, or {@code null} when calls are not guarded. */
  public GuardPolicy policy() {
    return policy;
  }

  @Override
  public String toString() {
    return "WovenMethod[" + name + (policy == null ? ", unguarded" : ", " + policy) + "]";
  }
}
