package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.util.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which classes the processor checked, and the fallback methods it resolved: the union of every
 * {@link ProcessorIndex} a class loader sees, read once per loader (when its first woven method is
 * resolved) and kept while the loader lives. Thread-safe: the cache is guarded by its own monitor.
 *
 * <p>Internal; not API, may change without notice.
 */
final class ProcessorIndexes {

  private static final Map<ClassLoader, Seen> BY_LOADER = new WeakHashMap<>();

  /** What the indexes of one loader list. */
  private static final class Seen {
    static final Seen NOTHING = new Seen(Set.of(), Map.of());

    final Set<String> classes;
    /** Candidates by {@code class#method(descriptor)}. */
    final Map<String, List<ProcessorIndex.FallbackCandidate>> fallbacks;

    Seen(Set<String> classes, Map<String, List<ProcessorIndex.FallbackCandidate>> fallbacks) {
      this.classes = classes;
      this.fallbacks = fallbacks;
    }
  }

  private ProcessorIndexes() {}

  /** Whether {@code type} is listed in an index its own class loader sees. */
  static boolean lists(Class<?> type) {
    return seen(type).classes.contains(type.getName());
  }

  /**
   * The fallback candidates the processor resolved for method {@code name}{@code descriptor} of
   * {@code type}, or {@code null} when the indexes list none (the class was compiled without the
   * processor, or by an older one).
   */
  static List<ProcessorIndex.FallbackCandidate> fallbacks(Class<?> type, String name,
      String descriptor) {
    return seen(type).fallbacks.get(type.getName() + "#" + name + descriptor);
  }

  private static Seen seen(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return Seen.NOTHING;
    }
    synchronized (BY_LOADER) {
      return BY_LOADER.computeIfAbsent(loader, ProcessorIndexes::read);
    }
  }

  private static Seen read(ClassLoader loader) {
    Set<String> names = new HashSet<>();
    Map<String, List<ProcessorIndex.FallbackCandidate>> fallbacks = new HashMap<>();
    try {
      Enumeration<URL> indexes = loader.getResources(ProcessorIndex.PATH);
      while (indexes.hasMoreElements()) {
        URL url = indexes.nextElement();
        try (InputStream in = url.openStream()) {
          ProcessorIndex.Contents contents = ProcessorIndex.parse(in);
          names.addAll(contents.classes());
          for (ProcessorIndex.FallbackCandidate c : contents.fallbacks()) {
            fallbacks.computeIfAbsent(c.declaringClass() + "#" + c.method() + c.methodDescriptor(),
                k -> new ArrayList<>()).add(c);
          }
        } catch (IOException | IllegalArgumentException e) {
          Log.warn("FFTT: cannot read " + url + ": " + e + "; its classes count as compiled"
              + " without fftt-processor", e);
        }
      }
    } catch (IOException e) {
      Log.warn("FFTT: cannot list " + ProcessorIndex.PATH + " of " + loader + ": " + e, e);
    }
    return names.isEmpty() && fallbacks.isEmpty() ? Seen.NOTHING
        : new Seen(Collections.unmodifiableSet(names), fallbacks);
  }
}
