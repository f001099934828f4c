package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.guard.FallbackSpec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Finds a woven method's {@code @Fallback} method and makes the handler that calls it.
 *
 * <p>The overloads come from the processor's index (it resolved them at build time, by the
 * rules javac applies): each is found by its exact descriptor in the class's own lookup, so
 * nothing is searched by reflection. A class compiled without the processor (it was warned about)
 * has its overloads found by reflection over the class and its superclasses, by the same rules.
 *
 * <p>Per failure the handler calls the overload whose trailing {@code Throwable} parameter is the
 * most specific type the failure is an instance of, else the one without that parameter; it
 * accepts no failure that none of them can take. Each overload is adapted once to
 * {@code (Object capture, Throwable failure)Object}, undoing the prefix's capture as
 * {@link WovenMethod} describes it.
 *
 * <p>Internal; not API, may change without notice.
 */
final class FallbackMethods {

  private static final MethodType HANDLER_TYPE =
      MethodType.methodType(Object.class, Object.class, Throwable.class);

  private FallbackMethods() {}

  /** One overload: its adapted handle and its trailing failure type ({@code null}: none). */
  private record Overload(MethodHandle handle, Class<?> failureType, int depth) {}

  /**
   * The handler calling {@code fallbackName} for method {@code name}{@code descriptor} of
   * {@code declaring}, found through {@code lookup} (the class's own, full access).
   *
   * @throws IllegalArgumentException when no overload fits (a class compiled without the
   *     processor, or a stale index)
   */
  static FallbackSpec.Handler handler(MethodHandles.Lookup lookup, Class<?> declaring,
      String name, String descriptor, boolean isStatic, String fallbackName)
      throws ReflectiveOperationException {
    ClassLoader loader = declaring.getClassLoader();
    MethodType guarded = MethodType.fromMethodDescriptorString(descriptor, loader);
    List<Overload> overloads = new ArrayList<>();
    List<ProcessorIndex.FallbackCandidate> listed =
        ProcessorIndexes.fallbacks(declaring, name, descriptor);
    if (listed != null) {
      for (ProcessorIndex.FallbackCandidate c : listed) {
        Class<?> owner = Class.forName(c.owner(), false, loader);
        MethodType type = MethodType.fromMethodDescriptorString(c.fallbackDescriptor(), loader);
        MethodHandles.Lookup in = owner == declaring ? lookup
            : MethodHandles.privateLookupIn(owner, lookup);
        MethodHandle h = isStatic ? in.findStatic(owner, c.fallbackName(), type)
            : in.findVirtual(owner, c.fallbackName(), type);
        overloads.add(overload(h, isStatic, guarded.parameterCount(), type));
      }
    } else {
      for (Method m : reflected(declaring, fallbackName, guarded, isStatic)) {
        MethodHandles.Lookup in = m.getDeclaringClass() == declaring ? lookup
            : MethodHandles.privateLookupIn(m.getDeclaringClass(), lookup);
        MethodType type = MethodType.methodType(m.getReturnType(), m.getParameterTypes());
        overloads.add(overload(in.unreflect(m), isStatic, guarded.parameterCount(), type));
      }
    }
    if (overloads.isEmpty()) {
      throw new IllegalArgumentException("@Fallback(fallbackMethod = \"" + fallbackName + "\") of "
          + declaring.getName() + "." + name + ": no method " + fallbackName + " with the"
          + " parameters " + guarded.parameterList() + " (optionally plus a trailing Throwable)"
          + " returning a CompletionStage" + (listed == null ? "; compile the class with"
          + " fftt-processor to have this checked at build time" : ""));
    }
    // most specific failure type first (deeper in the class tree), the one without it last
    overloads.sort(Comparator.comparingInt(Overload::depth).reversed());
    return new Calls(declaring.getSimpleName() + "." + fallbackName,
        overloads.toArray(new Overload[0]));
  }

  /** Adapts {@code h} (a method of {@code type}, receiver first unless static) to the handler type. */
  private static Overload overload(MethodHandle h, boolean isStatic, int guardedParameters,
      MethodType type) {
    MethodHandle adapted = h.asFixedArity();
    boolean takesFailure = type.parameterCount() > guardedParameters;
    if (!takesFailure) {
      adapted = MethodHandles.dropArguments(adapted, adapted.type().parameterCount(),
          Throwable.class);
    }
    // (receiver?, a1..an, failure) -> (Object..., Throwable)Object
    int captured = adapted.type().parameterCount() - 1; // receiver and arguments
    MethodType generic = adapted.type().generic().changeParameterType(captured, Throwable.class);
    adapted = adapted.asType(generic);
    if (captured == 0) { // static, no parameters: the capture is null
      adapted = MethodHandles.dropArguments(adapted, 0, Object.class);
    } else if (captured > 1 || isStatic) { // the capture is an Object[]
      adapted = adapted.asSpreader(0, Object[].class, captured);
    } // else: an instance method without parameters, the capture is the receiver itself
    adapted = adapted.asType(HANDLER_TYPE);
    Class<?> failureType = takesFailure ? type.parameterType(type.parameterCount() - 1) : null;
    return new Overload(adapted, failureType, failureType == null ? -1 : depth(failureType));
  }

  private static int depth(Class<?> type) {
    int depth = 0;
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      depth++;
    }
    return depth;
  }

  /** The overloads of a class compiled without the processor, found as the processor would. */
  private static List<Method> reflected(Class<?> declaring, String fallbackName,
      MethodType guarded, boolean isStatic) {
    List<Method> found = new ArrayList<>();
    List<MethodType> seen = new ArrayList<>();
    for (Class<?> c = declaring; c != null && c != Object.class; c = c.getSuperclass()) {
      Method[] methods;
      try {
        methods = c.getDeclaredMethods();
      } catch (LinkageError e) {
        throw new IllegalArgumentException("cannot list the methods of " + c.getName() + " to find"
            + " fallback " + fallbackName + " (" + e + "); compile it with fftt-processor, which"
            + " resolves fallbacks at build time", e);
      }
      for (Method m : methods) {
        if (!m.getName().equals(fallbackName) || m.isBridge() || m.isSynthetic()
            || (isStatic && !Modifier.isStatic(m.getModifiers()))
            || (c != declaring && Modifier.isPrivate(m.getModifiers()))
            || !CompletionStage.class.isAssignableFrom(m.getReturnType())
            || !fits(m.getParameterTypes(), guarded)) {
          continue;
        }
        MethodType type = MethodType.methodType(void.class, m.getParameterTypes());
        if (!seen.contains(type)) { // a subclass's overload hides its superclass's
          seen.add(type);
          found.add(m);
        }
      }
    }
    return found;
  }

  private static boolean fits(Class<?>[] parameters, MethodType guarded) {
    int n = guarded.parameterCount();
    if (parameters.length != n && parameters.length != n + 1) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (parameters[i] != guarded.parameterType(i)) {
        return false;
      }
    }
    return parameters.length == n || Throwable.class.isAssignableFrom(parameters[n]);
  }

  /** The handler: picks the overload for each failure. Immutable. */
  private static final class Calls implements FallbackSpec.Handler {
    private final String name;
    private final Overload[] overloads;

    Calls(String name, Overload[] overloads) {
      this.name = name;
      this.overloads = overloads;
    }

    @Override
    public boolean accepts(Throwable failure) {
      return pick(failure) != null;
    }

    @Override
    public CompletionStage<?> apply(Object capture, Throwable failure) throws Throwable {
      Overload o = pick(failure);
      if (o == null) {
        throw new IllegalStateException("no overload of fallback " + name + " takes " + failure);
      }
      Object stage = o.handle.invokeExact(capture, failure);
      return (CompletionStage<?>) stage; // null: the guard fails the call naming the fallback
    }

    private Overload pick(Throwable failure) {
      for (Overload o : overloads) {
        if (o.failureType == null || o.failureType.isInstance(failure)) {
          return o;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
