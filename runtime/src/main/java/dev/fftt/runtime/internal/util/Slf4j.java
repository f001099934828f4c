package dev.fftt.runtime.internal.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to look for SLF4J: the runtime's own class loader first (it is on the application's
 * class path), then the system class loader (the runtime was loaded by the agent from the boot
 * class path, where SLF4J is not visible).
 *
 * <p>Internal; not API, may change without notice.
 */
final class Slf4j {

  private Slf4j() {}

  static List<ClassLoader> loaders() {
    List<ClassLoader> loaders = new ArrayList<>(2);
    ClassLoader own = Slf4j.class.getClassLoader();
    if (own != null) {
      loaders.add(own);
    }
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (system != own) {
      loaders.add(system);
    }
    return loaders;
  }
}
