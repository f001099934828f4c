package dev.fftt.benchmarks.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a small jar from classes of this module (their class files as loaded) and text resources:
 * how the measurements build the no-op agent and the no-op annotation processors they compare
 * against, so that those jars hold nothing but the one class and its manifest or service file.
 * Each class given must be self-contained (no nested or anonymous classes: only its own class
 * file is copied).
 */
public final class TinyJar {

  private TinyJar() {}

  /**
   * Writes {@code jar} with a manifest holding {@code manifest} as main attributes, the class
   * files of {@code classes}, and {@code resources} (path in the jar → UTF-8 text).
   */
  public static Path write(Path jar, Map<String, String> manifest, Map<String, String> resources,
      Class<?>... classes) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> mf.getMainAttributes().put(new Attributes.Name(k), v));
    if (jar.getParent() != null) {
      Files.createDirectories(jar.getParent());
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, mf)) {
      for (Class<?> c : classes) {
        String path = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
          if (in == null) {
            throw new IOException("class file of " + c.getName() + " not found on the class path");
          }
          out.putNextEntry(new JarEntry(path));
          in.transferTo(out);
          out.closeEntry();
        }
      }
      for (Map.Entry<String, String> r : resources.entrySet()) {
        out.putNextEntry(new JarEntry(r.getKey()));
        out.write(r.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
