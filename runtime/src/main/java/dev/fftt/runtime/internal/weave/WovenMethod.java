package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.Attempt;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One woven method as the runtime sees it: its policy, resolved once, and the way each call goes
 * through the guard. The agent's prefix obtains the instance through an {@code invokedynamic}
 * constant ({@link WovenBootstrap}), so each woven method has exactly one, owned by its class.
 *
 * <p>How a call goes. The prefix asks {@link #entry()} what to do:
 * <ul>
 *   <li>{@link #PLAIN}: run the body as written (the method is not guarded, or this thread is
 *       re-entering it for an attempt the guard started); its exits pass the body's future on.
 *   <li>{@link #GUARD}: note {@link #begin()} and run the body here, on the caller's thread; each
 *       exit hands the body's future (or what it threw) to {@link #exit}/{@link #thrown}, which
 *       pass it to {@link Guard#adopt} — the same path {@link Guard#call} takes after its first
 *       attempt, so a woven call costs what the guard costs.
 *   <li>{@link #CAPTURE}: as {@code GUARD}, after capturing the receiver and arguments (below),
 *       which retries need to run the body again later and a fallback to run with them.
 *   <li>{@link #DEFER}: capture, and return {@link #defer} at once: the body runs on the
 *       {@code runOn} loop, never on the caller's thread.
 *   <li>{@link #GATE} and {@link #GATE_CAPTURE} (a circuit breaker or a bulkhead, which must admit
 *       an attempt before its body runs): ask {@link #admit()}; admitted, go on as {@code GUARD}
 *       (or {@code CAPTURE}), the exits handing the admission to {@link Guard#adoptGated}; not
 *       admitted, capture and return {@link #refused} without running the body.
 * </ul>
 * A retry or a {@code runOn} attempt runs the body through {@link #start(Object)}: it marks the
 * thread as re-entering this method and invokes the method again through a direct handle with
 * the captured receiver and arguments; the prefix sees the mark ({@code PLAIN}) and lets the body
 * run. No member is added to the woven class, so loaded classes can be retransformed.
 *
 * <p>The capture, built by the prefix only in the modes that name it: for an
 * instance method without parameters, the receiver; for a static method without parameters,
 * {@code null}; otherwise an {@code Object[]} of the receiver (instance methods only) followed by
 * the arguments, primitives boxed. {@link #invoker} undoes exactly this.
 *
 * <p>Thread-safe: immutable apart from the lazily built invoker and the re-entry bookkeeping.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenMethod implements Attempt<Object> {

  /** {@link #entry()}: run the body as written. */
  public static final int PLAIN = 0;
  /** {@link #entry()}: start the clock, run the body here and hand its future to the guard. */
  public static final int GUARD = 1;
  /** {@link #entry()}: as {@link #GUARD}, with the receiver and arguments captured first. */
  public static final int CAPTURE = 2;
  /** {@link #entry()}: capture and return {@link #defer}; the body runs on the runOn loop. */
  public static final int DEFER = 3;
  /**
   * {@link #entry()}: start the clock, ask {@link #admit()}; admitted, run the body here and hand
   * its future to the guard; else capture and return {@link #refused}.
   */
  public static final int GATE = 4;
  /** {@link #entry()}: as {@link #GATE}, capturing the receiver and arguments once admitted. */
  public static final int GATE_CAPTURE = 5;

  /** Name of {@link #entry()}, for the agent's prefix. */
  public static final String ENTRY = "entry";
  /** Name of {@link #begin()}, for the agent's prefix. */
  public static final String BEGIN = "begin";
  /** Name of {@link #defer(Object)}, for the agent's prefix. */
  public static final String DEFER_CALL = "defer";
  /** Name of {@link #admit()}, for the agent's prefix. */
  public static final String ADMIT = "admit";
  /** Name of {@link #admitted(long)}, for the agent's prefix. */
  public static final String ADMITTED = "admitted";
  /** Name of {@link #refused(long, Object, long)}, for the agent's prefix. */
  public static final String REFUSED = "refused";
  /** Name of {@link #exit(Object, WovenMethod, Object, long, long)}, for the agent's suffix. */
  public static final String EXIT = "exit";
  /** Name of {@link #thrown(Throwable, WovenMethod, Object, long, long)}, for the agent's handler. */
  public static final String THROWN = "thrown";

  /**
   * The method whose next entry on this thread runs its body: set by an attempt just before it
   * invokes the method, cleared by that entry (and again by the attempt when it returns).
   */
  private static final ThreadLocal<WovenMethod> REENTRY = new ThreadLocal<>();
  private static final VarHandle REENTRIES;
  private static final MethodType CAPTURE_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

  static {
    try {
      REENTRIES = MethodHandles.lookup().findVarHandle(WovenMethod.class, "reentries", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final GuardPolicy policy;
  private final int mode;
  /** Resolves the direct handle to the method; asked on the first attempt that needs it. */
  private final Body body;
  private final boolean isStatic;
  /**
   * Attempts of this method running the body through the handle right now, on any thread. Lets a
   * first call skip the thread-local look-up while no attempt re-enters (the common case); an
   * attempt's own thread always sees its increment (program order), which is all the check needs.
   */
  @SuppressWarnings("unused") // through REENTRIES
  private volatile int reentries;
  /** The body as {@code (Object capture)Object}; built on the first attempt that needs it. */
  private volatile MethodHandle invoker;

  /**
   * @param name the method as {@code Class.method}, for messages
   * @param policy the policy, or {@code null} to let every call run the body unguarded
   * @param body resolves a direct handle to the method (invoke-special or invoke-static), only
   *     when a retry or a runOn attempt needs it; ignored without a policy
   * @param isStatic whether the method is static
   */
  WovenMethod(String name, GuardPolicy policy, Body body, boolean isStatic) {
    this.name = name;
    this.policy = policy;
    this.body = body;
    this.isStatic = isStatic;
    // a breaker or a bulkhead must admit the first attempt before its body runs; retries and a
    // fallback need the receiver and arguments later
    boolean later = policy != null && (policy.retry() != null || policy.fallback() != null);
    this.mode = policy == null ? PLAIN
        : policy.runOn() != null ? DEFER
        : policy.breaker() != null || policy.bulkhead() != null ? (later ? GATE_CAPTURE : GATE)
        : later ? CAPTURE
        : GUARD;
  }

  /** A method left unguarded (no policy applies, or it could not be resolved). */
  static WovenMethod passThrough(String name) {
    return new WovenMethod(name, null, null, false);
  }

  // ---- called by woven code ----

  /** What the prefix does for this entry: one of the modes above ({@link #PLAIN} when re-entered). */
  public int entry() {
    int m = mode;
    if (m >= CAPTURE && (int) REENTRIES.getVolatile(this) != 0 && REENTRY.get() == this) {
      REENTRY.set(null); // consumed: calls the body makes from here on are guarded as usual
      return PLAIN;
    }
    return m;
  }

  /**
   * The call's start ({@link dev.fftt.runtime.internal.util.Ticks#nanoTime()}) read before the body runs, or 0 when the policy
   * never reads it.
   */
  public long begin() {
    return Guard.startTime(policy);
  }

  /** The caller's future of a {@code runOn} call, whose body runs on its loop. Never throws. */
  public Object defer(Object capture) {
    return Guard.call(policy, this, capture);
  }

  /** {@link #GATE} modes: asks the breaker and the bulkhead; the admission, for {@link #admitted}. */
  public long admit() {
    return Guard.admit(policy);
  }

  /** Whether {@code admission} lets the body run here, now. */
  public static boolean admitted(long admission) {
    return Guard.admitted(admission);
  }

  /**
   * The caller's future of a call not admitted: failed (or falling back) when the breaker refused
   * it, waiting for a bulkhead permit (the body then runs through {@link #start(Object)}) or
   * refused when the bulkhead was full. Never throws.
   */
  public Object refused(long admission, Object capture, long start) {
    return Guard.refused(policy, this, capture, start, admission);
  }

  /**
   * At each exit of the body: {@code stage} as it is when {@code method} is {@code null} (the body
   * ran {@link #PLAIN}), else the caller's future from the guard; {@code admission} is what
   * {@link #admit} gave in the {@link #GATE} modes. Never throws for a guarded call.
   */
  public static Object exit(Object stage, WovenMethod method, Object capture, long start,
      long admission) {
    if (method == null) {
      return stage;
    }
    @SuppressWarnings("unchecked")
    CompletionStage<Object> s = stage == null ? nullReturned(method.name)
        : (CompletionStage<Object>) stage;
    return method.adopt(s, capture, start, admission);
  }

  /**
   * When the body throws {@code failure}: rethrows it when {@code method} is {@code null} (the body
   * ran {@link #PLAIN}), else the caller's future, failed through the guard like any failure.
   */
  public static Object thrown(Throwable failure, WovenMethod method, Object capture, long start,
      long admission) throws Throwable {
    if (method == null) {
      throw failure;
    }
    return method.adopt(CompletableFuture.failedFuture(failure), capture, start, admission);
  }

  private Object adopt(CompletionStage<Object> stage, Object capture, long start,
      long admission) {
    return mode >= GATE
        ? Guard.adoptGated(policy, this, capture, stage, start, admission)
        : Guard.adopt(policy, this, capture, stage, start);
  }

  // ---- attempts the guard starts again ----

  /** Runs the body once more with the captured receiver and arguments; may throw what it throws. */
  @Override
  @SuppressWarnings("unchecked")
  public CompletionStage<Object> start(Object capture) throws Throwable {
    MethodHandle h = invoker();
    REENTRIES.getAndAdd(this, 1);
    REENTRY.set(this);
    try {
      Object stage = h.invokeExact(capture);
      if (stage == null) {
        throw nullPointer(name);
      }
      return (CompletionStage<Object>) stage;
    } finally {
      // Normally the entry already cleared it; this covers a body that was never entered.
      REENTRY.set(null);
      REENTRIES.getAndAdd(this, -1);
    }
  }

  /** As {@link #start(Object)} with nothing captured (a static method without parameters). */
  @Override
  public CompletionStage<Object> start() throws Throwable {
    return start(null);
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

  /** The invoker, built once (a race builds it twice, harmlessly: both are the same). */
  private MethodHandle invoker() throws ReflectiveOperationException {
    MethodHandle h = invoker;
    if (h == null) {
      h = invoker(body.resolve(), isStatic);
      invoker = h;
    }
    return h;
  }

  /** How the direct handle to a woven method is found (in its class's own lookup). */
  @FunctionalInterface
  interface Body {
    MethodHandle resolve() throws ReflectiveOperationException;
  }

  /** Adapts the direct handle to {@code (Object capture)Object}, undoing the prefix's capture. */
  static MethodHandle invoker(MethodHandle body, boolean isStatic) {
    MethodHandle h = body.asFixedArity(); // a varargs method takes its array as it is
    int parameters = h.type().parameterCount() - (isStatic ? 0 : 1);
    if (parameters == 0) {
      return isStatic
          ? MethodHandles.dropArguments(h.asType(MethodType.methodType(Object.class)), 0,
              Object.class)
          : h.asType(CAPTURE_TO_OBJECT);
    }
    h = h.asType(h.type().generic());
    h = h.asSpreader(Object[].class, h.type().parameterCount());
    return h.asType(CAPTURE_TO_OBJECT);
  }

  private static CompletionStage<Object> nullReturned(String name) {
    return CompletableFuture.failedFuture(nullPointer(name));
  }

  /** Named by the method, not the operation: under {@code @AsyncMonitor("x")} "x" would not say which. */
  private static NullPointerException nullPointer(String name) {
    return new NullPointerException(name + " returned null instead of a CompletionStage");
  }
}
