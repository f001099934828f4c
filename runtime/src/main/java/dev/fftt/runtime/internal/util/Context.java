package dev.fftt.runtime.internal.util;

import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * The MDC of one copy of SLF4J, which carries a caller's MDC to the threads that run a call's
 * later steps (retry attempts, the body on a runOn loop, the fallback, the completion of the
 * caller's future). A policy holds the one of the application that makes its calls, resolved
 * once: {@link #of(ClassLoader)} for a woven method (its class's loader), {@link #application()}
 * otherwise. {@link #NONE} (no SLF4J in reach) does nothing and costs a field read.
 *
 * <p>Use: {@code Object saved = context.attach(captured); try { ... } finally { context.restore(saved); }}.
 * {@code attach} replaces the thread's MDC with the captured one (an empty capture clears it);
 * {@code restore} puts the thread's own MDC back. A capture must be attached through the same
 * instance that took it (an MDC of another SLF4J copy is another map).
 *
 * <p>Immutable and thread-safe. Internal; not API, may change without notice.
 */
public final class Context {

  /** No SLF4J: every method does nothing. */
  public static final Context NONE = new Context(null, null, null);
  private static final Object NOTHING = new Object();

  private final MethodHandle getCopy;
  private final MethodHandle setMap;
  private final MethodHandle clear;

  Context(MethodHandle getCopy, MethodHandle setMap, MethodHandle clear) {
    this.getCopy = getCopy;
    this.setMap = setMap;
    this.clear = clear;
  }

  /** The MDC of the SLF4J that {@code loader} sees (looked up once per loader); {@link #NONE} when none. */
  public static Context of(ClassLoader loader) {
    return Slf4j.in(loader).mdc;
  }

  /**
   * The MDC of the application's SLF4J (see {@link Slf4j}): for calls that no woven class makes
   * ({@code Async}, {@code Async.guard}).
   */
  public static Context application() {
    return Slf4j.application().mdc;
  }

  /** Whether this is an SLF4J MDC (not {@link #NONE}). */
  public boolean enabled() {
    return getCopy != null;
  }

  /** The current thread's MDC, or {@code null} when it is empty or there is no SLF4J. */
  public Map<String, String> capture() {
    if (getCopy == null) {
      return null;
    }
    Map<String, String> copy = read();
    return copy == null || copy.isEmpty() ? null : copy;
  }

  /** Installs {@code captured} as the thread's MDC and returns what to hand to {@link #restore}. */
  public Object attach(Map<String, String> captured) {
    if (getCopy == null) {
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
  public void restore(Object saved) {
    if (saved == NOTHING) {
      return;
    }
    write((Map<String, String>) saved);
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> read() {
    try {
      return (Map<String, String>) getCopy.invoke();
    } catch (Throwable t) {
      return null;
    }
  }

  private void write(Map<String, String> map) {
    try {
      if (map == null || map.isEmpty()) {
        clear.invoke();
      } else {
        setMap.invoke(map);
      }
    } catch (Throwable t) {
      // MDC is best effort; never fail a call because of it
    }
  }
}
