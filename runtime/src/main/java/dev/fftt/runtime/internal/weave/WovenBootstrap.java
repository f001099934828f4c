package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.util.Log;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bootstrap method of the {@code invokedynamic} instruction the agent's advice puts into each
 * woven method. The JVM calls it once per woven method, on the method's first call, with a lookup
 * that has the woven class's own (private) access and a direct handle to the method itself
 * ({@code REF_invokeSpecial}, or {@code REF_invokeStatic}); the call site it returns is a
 * constant {@link WovenMethod}, so later calls cost no look-up at all and the state belongs to
 * the woven class (it goes away with its class loader).
 *
 * <p>Here the method's policy is resolved once: from the constants the processor generated
 * ({@code <Class>$$FfttPolicy}, see {@link PolicySpec}) when the class has them, else from its
 * annotations ({@link AnnotationPolicies}), with one warning per class that is in no processor
 * index its loader sees ({@link ProcessorIndexes}): it was compiled without the build-time
 * checks. A method whose policy cannot be resolved is logged and runs
 * unguarded; this method never throws.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenBootstrap {

  /** The suffix the processor adds to a class's binary name for its policy constants. */
  public static final String POLICY_SUFFIX = "$$FfttPolicy";

  /** The name of the bootstrap method, {@link #site}, for the agent's {@code invokedynamic}. */
  public static final String BOOTSTRAP = "site";

  private static final ClassValue<AtomicBoolean> WARNED = new ClassValue<>() {
    @Override
    protected AtomicBoolean computeValue(Class<?> type) {
      return new AtomicBoolean();
    }
  };

  private WovenBootstrap() {}

  /**
   * The bootstrap method: returns a constant call site of type {@code ()WovenMethod} for the
   * method {@code body} refers to.
   *
   * @param caller the woven class's lookup (full access)
   * @param name the call site's name (unused)
   * @param type {@code ()WovenMethod}
   * @param body a direct handle to the woven method
   */
  public static CallSite site(MethodHandles.Lookup caller, String name, MethodType type,
      MethodHandle body) {
    WovenMethod method;
    try {
      method = create(caller, body);
    } catch (Throwable t) {
      String label = caller.lookupClass().getName() + "." + describe(caller, body);
      Log.warn("FFTT: cannot guard " + label + ": " + t + "; its calls run unguarded", t);
      method = WovenMethod.passThrough(label);
    }
    return new ConstantCallSite(MethodHandles.constant(WovenMethod.class, method));
  }

  static WovenMethod create(MethodHandles.Lookup caller, MethodHandle body) throws Throwable {
    MethodHandleInfo info = caller.revealDirect(body);
    Method method = info.reflectAs(Method.class, caller);
    Class<?> declaring = method.getDeclaringClass();
    String label = AnnotationPolicies.defaultName(declaring, method.getName());
    GuardPolicy policy = resolve(caller, method, info.getMethodType().toMethodDescriptorString());
    if (policy == null || isEmpty(policy)) {
      debug(label + " is not guarded: no policy applies"
          + (WovenSettings.monitorEnabled() ? "" : " (monitor=off)"));
      return WovenMethod.passThrough(label);
    }
    debug(label + " guarded by " + policy);
    return new WovenMethod(label, policy, body, Modifier.isStatic(method.getModifiers()));
  }

  /** The policy of {@code method}: the processor's constants first, else its annotations. */
  static GuardPolicy resolve(MethodHandles.Lookup caller, Method method, String descriptor)
      throws Throwable {
    Class<?> declaring = method.getDeclaringClass();
    boolean monitor = WovenSettings.monitorEnabled();
    String[][] rows = constants(caller, declaring);
    if (rows != null) {
      for (String[] row : rows) {
        PolicySpec spec = PolicySpec.parse(row);
        if (spec.method().equals(method.getName()) && spec.descriptor().equals(descriptor)) {
          return spec.toPolicy(declaring, monitor);
        }
      }
      debug(declaring.getName() + POLICY_SUFFIX + " has no row for " + method.getName()
          + descriptor + "; reading its annotations");
    } else if (!ProcessorIndexes.lists(declaring)
        && WARNED.get(declaring).compareAndSet(false, true)) {
      Log.warn("FFTT: " + declaring.getName() + " was compiled without fftt-processor, so its"
          + " FFTT annotations were not checked at build time and are read at run time; add"
          + " fftt-processor to the compiler's annotation processor path");
    }
    return AnnotationPolicies.resolve(method, monitor);
  }

  /** The processor's rows for {@code declaring}, or {@code null} when it has none (of our format). */
  private static String[][] constants(MethodHandles.Lookup caller, Class<?> declaring)
      throws Throwable {
    Class<?> holder;
    try {
      holder = caller.findClass(declaring.getName() + POLICY_SUFFIX);
    } catch (ClassNotFoundException | IllegalAccessException e) {
      return null;
    }
    int format = (int) caller.findStaticGetter(holder, "FORMAT", int.class).invokeExact();
    if (format != PolicySpec.FORMAT) {
      if (WARNED.get(declaring).compareAndSet(false, true)) {
        Log.warn("FFTT: " + holder.getName() + " has format " + format + " but this runtime reads"
            + " format " + PolicySpec.FORMAT + "; reading the annotations of "
            + declaring.getName() + " instead (use the same fftt version for processor and agent)");
      }
      return null;
    }
    return (String[][]) caller.findStaticGetter(holder, "METHODS", String[][].class).invokeExact();
  }

  private static boolean isEmpty(GuardPolicy p) {
    return p.monitorName() == null && p.timeoutNanos() == 0 && p.retry() == null
        && p.runOn() == null && !p.loopCompatible();
  }

  private static String describe(MethodHandles.Lookup caller, MethodHandle body) {
    try {
      MethodHandleInfo info = caller.revealDirect(body);
      return info.getName() + info.getMethodType().toMethodDescriptorString();
    } catch (RuntimeException e) {
      return String.valueOf(body);
    }
  }

  private static void debug(String message) {
    if (WovenSettings.logLevel() >= WovenSettings.DEBUG) {
      Log.info("FFTT agent: " + message);
    }
  }
}
