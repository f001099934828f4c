package dev.fftt.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Class loaders holding an SLF4J of their own (slf4j-api, and Logback as its provider), as an
 * executable Spring Boot jar or a server's web application does, and that SLF4J's MDC reached
 * reflectively. The jars come from the build ({@code fftt.child.slf4j.dir}), not the class path.
 */
public final class ChildSlf4j {

  private ChildSlf4j() {}

  /** A jar of the build's copies: {@code slf4j-api.jar}, {@code logback-classic.jar}, {@code logback-core.jar}. */
  public static URL jar(String name) {
    String dir = System.getProperty("fftt.child.slf4j.dir");
    if (dir == null) {
      throw new IllegalStateException("system property fftt.child.slf4j.dir is not set: run through Maven");
    }
    Path jar = Path.of(dir, name);
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " does not exist: run through Maven (`mvn test`)");
    }
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A loader whose parent is {@code parent} but that loads SLF4J (classes and service files) and
   * the classes of {@code ownPackages} from {@code urls} first, like a web application's loader:
   * its SLF4J is another copy than the parent's even when the parent has one.
   */
  public static URLClassLoader childFirst(ClassLoader parent, List<String> ownPackages, URL... urls) {
    return new ChildFirst(urls, parent, ownPackages);
  }

  /** slf4j-api and Logback, child-first under {@code parent}. */
  public static URLClassLoader withLogback(ClassLoader parent) {
    return childFirst(parent, List.of(), logback());
  }

  /** The jars of slf4j-api and Logback. */
  public static URL[] logback() {
    return new URL[] {jar("slf4j-api.jar"), jar("logback-classic.jar"), jar("logback-core.jar")};
  }

  /** {@code MDC.put(key, value)} of the SLF4J {@code loader} sees. */
  public static void put(ClassLoader loader, String key, String value) {
    call(loader, "put", new Class<?>[] {String.class, String.class}, key, value);
  }

  /** {@code MDC.get(key)} of the SLF4J {@code loader} sees. */
  public static String get(ClassLoader loader, String key) {
    return (String) call(loader, "get", new Class<?>[] {String.class}, key);
  }

  /** {@code MDC.clear()} of the SLF4J {@code loader} sees. */
  public static void clear(ClassLoader loader) {
    call(loader, "clear", new Class<?>[0]);
  }

  private static Object call(ClassLoader loader, String method, Class<?>[] types, Object... args) {
    try {
      return Class.forName("org.slf4j.MDC", true, loader).getMethod(method, types).invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class ChildFirst extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final List<String> ownPackages;

    ChildFirst(URL[] urls, ClassLoader parent, List<String> ownPackages) {
      super("child-slf4j", urls, parent);
      this.ownPackages = ownPackages;
    }

    private boolean own(String className) {
      return className.startsWith("org.slf4j.") || className.startsWith("ch.qos.logback.")
          || ownPackages.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!own(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notHere) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    private static boolean ownResource(String name) {
      return name.startsWith("META-INF/services/org.slf4j.")
          || name.startsWith("META-INF/services/ch.qos.logback.") || name.startsWith("logback");
    }

    @Override
    public URL getResource(String name) {
      return ownResource(name) ? findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (ownResource(name)) {
        List<URL> mine = new ArrayList<>(Collections.list(findResources(name)));
        return Collections.enumeration(mine); // the parent's providers and Logback configuration are not this copy's
      }
      return super.getResources(name);
    }
  }
}
