package dev.fftt.runtime.internal.health;

import dev.fftt.runtime.internal.util.RuntimeFiles;
import java.io.IOException;

/**
 * Defines {@link JdkHttpServer} (and the lambdas it holds) itself, from the runtime's own class
 * file, and leaves every other class to its parent: the runtime's own loader, or, when the runtime
 * is on the boot class path, the platform class loader, which sees both {@code jdk.httpserver}
 * and (through the boot loader) the rest of the runtime. So the server's class can name the JDK's
 * HTTP server wherever the runtime was loaded from, and shares {@link HealthEndpoint} and
 * {@link Routes} with the runtime.
 *
 * <p>Thread-safe (parallel capable). Internal; not API, may change without notice.
 */
final class JdkHttpLoader extends ClassLoader {

  /**
   * The server class's binary name. A string, not a class literal: resolving the literal would
   * load the class in this class's own loader, which on the boot class path cannot link it.
   * {@code JdkHttpLoaderTest} pins it to the class.
   */
  static final String SERVER = "dev.fftt.runtime.internal.health.JdkHttpServer";

  static {
    registerAsParallelCapable();
  }

  JdkHttpLoader() {
    super("fftt-health", parent());
  }

  private static ClassLoader parent() {
    ClassLoader own = JdkHttpLoader.class.getClassLoader();
    return own != null ? own : ClassLoader.getPlatformClassLoader();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.equals(SERVER)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        byte[] bytes;
        try {
          bytes = RuntimeFiles.read(name.replace('.', '/') + ".class");
        } catch (IOException e) {
          throw new ClassNotFoundException(name + ": its class file cannot be read", e);
        }
        if (bytes == null) {
          throw new ClassNotFoundException(name + ": its class file is not in the runtime");
        }
        type = defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }
}
