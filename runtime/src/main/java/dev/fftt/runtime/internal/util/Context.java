package dev.fftt.runtime.internal.util;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * Carries the caller's SLF4J MDC to the threads that run a call's later steps (retry attempts,
 * the body on a runOn loop, the completion of the caller's future). When SLF4J is absent every
 * method does nothing and costs a field read.
 *
 * <p>Use: {@code Object saved = Context.attach(captured); try { ... } finally { Context.restore(saved); }}.
 * {@code attach} replaces the thread's MDC with the captured one (an empty capture clears it);
 * {@code restore} puts the thread's own MDC back.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Context {

  private static final Object NOTHING = new Object();
  private static final MethodHandle GET_COPY;
  private static final MethodHandle SET_MAP;
  private static final MethodHandle CLEAR;

  static {
    MethodHandle get = null;
    MethodHandle set = null;
    MethodHandle clear = null;
    for (ClassLoader loader : Slf4j.loaders()) {
      try {
        Class<?> mdc = Class.forName("org.slf4j.MDC", true, loader);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        get = lookup.findStatic(mdc, "getCopyOfContextMap", MethodType.methodType(Map.class));
        set = lookup.findStatic(mdc, "setContextMap", MethodType.methodType(void.class, Map.class));
        clear = lookup.findStatic(mdc, "clear", MethodType.methodType(void.class));
        break;
      } catch (Throwable notThere) {
        get = null;
        set = null;
        clear = null;
      }
    }
    GET_COPY = get;
    SET_MAP = set;
    CLEAR = clear;
  }

  private Context() {}

  /** Whether SLF4J's MDC was found. */
  public static boolean enabled() {
    return GET_COPY != null;
  }

  /** The current thread's MDC, or {@code null} when it is empty or SLF4J is absent. */
  public static Map<String, String> capture() {
    if (GET_COPY == null) {
      return null;
    }
    Map<String, String> copy = read();
    return copy == null || copy.isEmpty() ? null : copy;
  }

  /** Installs {@code captured} as the thread's MDC and returns what to hand to {@link #restore}. */
  public static Object attach(Map<String, String> captured) {
    if (GET_COPY == null) {
      return NOTHING;
    }
    Map<String, String> own = read();
    if ((own == null || own.isEmpty()) && captured == null) {
      return NOTHING;
    }
    write(captured);
    return own == null ? Map.of() : own;
  }

  /** Puts back the MDC that {@link #attach} replaced. */
  @SuppressWarnings("unchecked")
  public static void restore(Object saved) {
    if (saved == NOTHING) {
      return;
    }
    write((Map<String, String>) saved);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> read() {
    try {
      return (Map<String, String>) GET_COPY.invoke();
    } catch (Throwable t) {
      return null;
    }
  }

  private static void write(Map<String, String> map) {
    try {
      if (map == null || map.isEmpty()) {
        CLEAR.invoke();
      } else {
        SET_MAP.invoke(map);
      }
    } catch (Throwable t) {
      // MDC is best effort; never fail a call because of it
    }
  }
}
