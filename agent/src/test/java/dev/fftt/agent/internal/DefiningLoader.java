package dev.fftt.agent.internal;

import java.util.Map;

/**
 * Defines a library's classes itself, child-first, from the class files given (the woven ones
 * where there is one), and asks its parent for everything else (the JDK, the runtime, other
 * libraries). Classes it defines are verified by the JVM when linked, as any class of a
 * non-boot loader is by default.
 */
final class DefiningLoader extends ClassLoader {

  private final Map<String, byte[]> original;
  private final Map<String, byte[]> replaced;

  DefiningLoader(String name, ClassLoader parent, Map<String, byte[]> original,
      Map<String, byte[]> replaced) {
    super(name, parent);
    this.original = original;
    this.replaced = replaced;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    byte[] bytes = replaced.get(name);
    if (bytes == null) {
      bytes = original.get(name);
    }
    if (bytes == null || name.startsWith("java.")) {
      return super.loadClass(name, resolve); // java.* may only be defined by the JDK's loaders
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      return c != null ? c : defineClass(name, bytes, 0, bytes.length);
    }
  }

  /**
   * Loads and links the class (linking verifies it; getDeclaredMethods links before it reflects),
   * without initializing it. {@code null} when that worked, else the error.
   */
  Throwable link(String name) {
    try {
      Class.forName(name, false, this).getDeclaredMethods();
      return null;
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return e;
    }
  }
}
