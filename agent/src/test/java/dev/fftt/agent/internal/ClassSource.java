package dev.fftt.agent.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of one library: every {@code .class} entry of the jars on the test class path
 * whose path matches, or of a JDK module read from {@code jrt:/}. Module descriptors,
 * package-infos and multi-release copies under {@code META-INF/} are left out.
 */
final class ClassSource {

  final String library;
  /** Class binary name to class file, in jar order. */
  final Map<String, byte[]> classes;
  final List<String> origins;

  private ClassSource(String library, Map<String, byte[]> classes, List<String> origins) {
    this.library = library;
    this.classes = Collections.unmodifiableMap(classes);
    this.origins = origins;
  }

  /** The jars on the test class path whose path matches {@code jarPath}. */
  static ClassSource jars(String library, Predicate<String> jarPath) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    List<String> origins = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String path = entry.replace('\\', '/');
      if (!path.endsWith(".jar") || !jarPath.test(path)) {
        continue;
      }
      int before = classes.size();
      try (ZipFile zip = new ZipFile(entry)) {
        for (ZipEntry e : Collections.list(zip.entries())) {
          String name = e.getName();
          if (isClass(name)) {
            classes.putIfAbsent(binaryName(name), zip.getInputStream(e).readAllBytes());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (classes.size() > before) {
        origins.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
    return new ClassSource(library, classes, origins);
  }

  /** The classes of a module of the running JDK. */
  static ClassSource jdkModule(String module) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    Path root = jrt.getPath("modules", module);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = root.relativize(p).toString();
        if (isClass(name)) {
          classes.put(binaryName(name), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ClassSource(module, classes,
        List.of("jrt:/" + module + " (Java " + Runtime.version().feature() + ")"));
  }

  private static boolean isClass(String name) {
    return name.endsWith(".class") && !name.startsWith("META-INF/")
        && !name.endsWith("module-info.class") && !name.endsWith("package-info.class");
  }

  private static String binaryName(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }
}
