package dev.fftt.agent.internal;

import java.lang.annotation.Annotation;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * On attach: finds the classes already loaded that carry FFTT annotations and retransforms them,
 * so that the registered transformer weaves them in place; when this returns they are woven (a
 * class that cannot be is logged and left as it was). The JDK's classes and FFTT's own are never
 * looked at; for the others a failure to reflect (a missing dependency) just means "not a
 * candidate".
 *
 * <p>Internal; not API, may change without notice.
 */
final class LoadedClasses {

  private LoadedClasses() {}

  /** Retransforms the loaded candidates; returns how many there were. */
  static int retransform(Instrumentation instrumentation, WeaveListener listener) {
    List<Class<?>> candidates = new ArrayList<>();
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      ClassLoader loader = type.getClassLoader();
      if (loader == null || loader == platform || type.isArray() || type.isPrimitive()
          || type.isHidden() || type.isSynthetic()
          || GuardTransformer.isOwn(type.getName().replace('.', '/'))
          || !instrumentation.isModifiableClass(type) || !annotated(type)) {
        continue;
      }
      candidates.add(type);
    }
    if (candidates.isEmpty()) {
      return 0;
    }
    try {
      instrumentation.retransformClasses(candidates.toArray(new Class<?>[0]));
    } catch (Throwable batch) {
      // One class the JVM would not take spoils the batch: go one by one, report each failure.
      for (Class<?> type : candidates) {
        try {
          instrumentation.retransformClasses(type);
        } catch (Throwable t) {
          listener.failed(type.getName(), type.getClassLoader(), t);
        }
      }
    }
    return candidates.size();
  }

  /** Whether {@code type} or one of its declared methods carries an FFTT annotation. */
  static boolean annotated(Class<?> type) {
    try {
      if (hasOurs(type.getDeclaredAnnotations())) {
        return true;
      }
      for (Method method : type.getDeclaredMethods()) {
        if (hasOurs(method.getDeclaredAnnotations())) {
          return true;
        }
      }
      return false;
    } catch (Throwable unreadable) { // e.g. NoClassDefFoundError for a method's parameter type
      AgentLog.debug("not looking at " + type.getName() + ": " + unreadable);
      return false;
    }
  }

  private static boolean hasOurs(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().startsWith(Weaver.ANNOTATIONS)) {
        return true;
      }
    }
    return false;
  }
}
