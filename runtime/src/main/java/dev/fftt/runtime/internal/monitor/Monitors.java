package dev.fftt.runtime.internal.monitor;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide monitors by operation name. A name is looked up once, when a policy is built;
 * guarded calls then use the {@link Monitor} directly.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Monitors {

  private static final ConcurrentHashMap<String, Monitor> BY_NAME = new ConcurrentHashMap<>();

  private Monitors() {}

  /** The monitor for {@code name}, created on first use. */
  public static Monitor get(String name) {
    Monitor known = BY_NAME.get(Checks.notNull(name, "monitor name"));
    if (known != null) {
      return known;
    }
    Exports.searchOnce(); // outside the map's lock: an exporter's start may create monitors too
    return BY_NAME.computeIfAbsent(name, Monitor::new);
  }

  /** The monitor for {@code name} if it has been called since the last reset (or is in flight). */
  public static Monitor active(String name) {
    Monitor m = BY_NAME.get(name);
    return m != null && m.active() ? m : null;
  }

  /** Every monitor called since the last reset (or in flight), by name. */
  public static List<Monitor> allActive() {
    List<Monitor> list = new ArrayList<>();
    for (Monitor m : BY_NAME.values()) {
      if (m.active()) {
        list.add(m);
      }
    }
    list.sort(Comparator.comparing(Monitor::name));
    return list;
  }

  /** Resets every monitor (they stay registered, so policies keep their references). */
  public static void resetAll() {
    for (Monitor m : BY_NAME.values()) {
      m.reset();
    }
  }
}
