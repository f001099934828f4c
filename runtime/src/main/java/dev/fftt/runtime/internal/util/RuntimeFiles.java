package dev.fftt.runtime.internal.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Reads the runtime's own files (resources, and class files for a loader of its own) wherever its
 * classes came from. Through its class loader as usual; but the agent appends the runtime's jar to
 * the boot class path with {@code Instrumentation.appendToBootstrapClassLoaderSearch}, and there
 * the JVM finds the classes while {@code getResource} finds nothing. So the agent names that jar
 * ({@link #bootJar}), and files not found the usual way are read from it.
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
public final class RuntimeFiles {

  // Written once by the agent (before anything serves a file), read by any thread.
  private static volatile Path bootJar;

  private RuntimeFiles() {}

  /** The agent's call: the jar it put on the boot class path. */
  public static void bootJar(Path jar) {
    bootJar = jar;
  }

  /**
   * The bytes of the runtime's file {@code name} (a path inside its jar, without a leading slash,
   * e.g. {@code dev/fftt/runtime/internal/health/page.js}), or {@code null} when there is none.
   *
   * @throws IOException when it is there but cannot be read
   */
  public static byte[] read(String name) throws IOException {
    try (InputStream in = RuntimeFiles.class.getResourceAsStream("/" + name)) {
      if (in != null) {
        return in.readAllBytes();
      }
    }
    Path jar = bootJar;
    if (jar == null) {
      return null;
    }
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      ZipEntry entry = file.getEntry(name);
      if (entry == null) {
        return null;
      }
      try (InputStream in = file.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }
  }
}
