package dev.fftt.runtime.internal.weave;

import dev.fftt.runtime.internal.util.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which classes the processor checked: the union of every {@link ProcessorIndex} a class loader
 * sees, read once per loader (when its first woven method is resolved) and kept while the loader
 * lives. Thread-safe: the cache is guarded by its own monitor.
 *
 * <p>Internal; not API, may change without notice.
 */
final class ProcessorIndexes {

  private static final Map<ClassLoader, Set<String>> BY_LOADER = new WeakHashMap<>();

  private ProcessorIndexes() {}

  /** Whether {@code type} is listed in an index its own class loader sees. */
  static boolean lists(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return false;
    }
    Set<String> names;
    synchronized (BY_LOADER) {
      names = BY_LOADER.computeIfAbsent(loader, ProcessorIndexes::read);
    }
    return names.contains(type.getName());
  }

  private static Set<String> read(ClassLoader loader) {
    Set<String> names = new HashSet<>();
    try {
      Enumeration<URL> indexes = loader.getResources(ProcessorIndex.PATH);
      while (indexes.hasMoreElements()) {
        URL url = indexes.nextElement();
        try (InputStream in = url.openStream()) {
          names.addAll(ProcessorIndex.read(in));
        } catch (IOException e) {
          Log.warn("FFTT: cannot read " + url + ": " + e + "; its classes count as compiled"
              + " without fftt-processor", e);
        }
      }
    } catch (IOException e) {
      Log.warn("FFTT: cannot list " + ProcessorIndex.PATH + " of " + loader + ": " + e, e);
    }
    return names.isEmpty() ? Set.of() : Collections.unmodifiableSet(names);
  }
}
