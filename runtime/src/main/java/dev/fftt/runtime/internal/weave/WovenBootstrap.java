package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.util.Log;
import dev.fftt.runtime.internal.util.Slf4j;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bootstrap method of the {@code invokedynamic} instruction the agent puts into each woven
 * method. The JVM calls it once per woven method, on the method's first call, with a lookup that
 * has the woven class's own (private) access, the method's name as the call site's name, its
 * descriptor and whether it is static (from which a direct handle to it is found when an attempt
 * needs one: invoke-special, or invoke-static) and the
 * {@link MethodSettings} the agent read from the class file; the call site it returns is a
 * constant {@link WovenMethod}, so later calls cost no look-up at all and the state belongs to
 * the woven class (it goes away with its class loader).
 *
 * <p>Here the runtime learns the class's loader ({@link Slf4j#learn}): until it knows an SLF4J
 * with a provider, the one this loader sees becomes the one its own lines go to (an executable
 * Spring Boot jar's Logback, say), so the lines below already go there.
 *
 * <p>Here, on the first woven method's first call, code woven at build time that runs without
 * an agent reads its settings from system properties ({@link StandaloneStart}).
 *
 * <p>Here the method's policy is resolved once, from those settings ({@link AnnotationPolicies}):
 * no reflection over the class, so a class whose other methods name a missing optional
 * dependency is guarded like any other. A class that no processor index its loader sees lists
 * ({@link ProcessorIndexes}) was compiled without the build-time checks: one warning per class.
 * A method whose policy cannot be resolved is logged and runs unguarded; this method never
 * throws.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class WovenBootstrap {

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
   * @param name the woven method's name
   * @param type {@code ()WovenMethod}
   * @param descriptor the woven method's JVM descriptor
   * @param isStatic 1 for a static method, 0 for an instance method
   * @param settings the method's {@link MethodSettings} entries, {@linkplain MethodSettings#join
   *     joined}
   */
  public static CallSite site(MethodHandles.Lookup caller, String name, MethodType type,
      String descriptor, int isStatic, String settings) {
    StandaloneStart.ensure(); // woven at build time and no agent: the settings, once
    Class<?> declaring = caller.lookupClass();
    Slf4j.learn(declaring.getClassLoader()); // never throws
    String label = AnnotationPolicies.defaultName(declaring, name);
    Exports.loaderSeen(declaring.getClassLoader()); // exporters packaged with the application
    WovenMethod method;
    try {
      method = create(caller, declaring, name, label, descriptor, isStatic != 0, settings);
    } catch (Throwable t) {
      Log.warn("FFTT: cannot guard " + declaring.getName() + "." + name + ": " + t
          + "; its calls run unguarded", t);
      method = WovenMethod.passThrough(label);
    }
    return new ConstantCallSite(MethodHandles.constant(WovenMethod.class, method));
  }

  private static WovenMethod create(MethodHandles.Lookup caller, Class<?> declaring, String name,
      String label, String descriptor, boolean isStatic, String settings) throws Throwable {
    if (!ProcessorIndexes.lists(declaring) && WARNED.get(declaring).compareAndSet(false, true)) {
      Log.warn("FFTT: " + declaring.getName() + " was compiled without fftt-processor, so its"
          + " FFTT annotations were not checked at build time; add fftt-processor to the"
          + " compiler's annotation processor path");
    }
    GuardPolicy policy = AnnotationPolicies.policy(
        MethodSettings.parse(MethodSettings.split(settings)), declaring, name, descriptor, isStatic,
        caller, WovenSettings.monitorEnabled());
    boolean debug = WovenSettings.logLevel() >= WovenSettings.DEBUG; // else build no message
    if (policy == null || isEmpty(policy)) {
      if (debug) {
        Log.info("FFTT agent: " + label + " is not guarded: no policy applies"
            + (WovenSettings.monitorEnabled() ? "" : " (monitor=off)"));
      }
      return WovenMethod.passThrough(label);
    }
    if (debug) {
      Log.info("FFTT agent: " + label + " guarded by " + policy);
    }
    // Resolved only for a retry or a runOn attempt: a call that runs its body where it was called
    // never needs the handle, and its first call skips resolving it. Invoke-special, so an
    // attempt runs exactly this body even when a subclass overrides the method.
    WovenMethod.Body body = () -> {
      MethodType type = MethodType.fromMethodDescriptorString(descriptor, declaring.getClassLoader());
      return isStatic ? caller.findStatic(declaring, name, type)
          : caller.findSpecial(declaring, name, type, declaring);
    };
    return new WovenMethod(label, policy, body, isStatic);
  }

  private static boolean isEmpty(GuardPolicy p) {
    return p.monitorName() == null && p.timeoutNanos() == 0 && p.retry() == null
        && p.runOn() == null && !p.loopCompatible() && p.breaker() == null
        && p.bulkhead() == null && p.fallback() == null;
  }
}
