package dev.fftt.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Puts the runtime and the annotations on the boot class path, so that woven code in any class
 * loader (including an isolated plugin loader whose parents see only the annotations) and the
 * application itself resolve {@code dev.fftt.runtime.*} to one copy: parent-first delegation ends
 * at the boot loader, which now finds them first. The agent jar carries both in one nested jar,
 * named by its manifest attribute {@value #MANIFEST_ATTRIBUTE}; the JVM appends files, not
 * entries, so it is copied out to a file that later starts reuse ({@link BootJarCopy}). One jar,
 * because each append makes a JVM with class data sharing print a warning.
 *
 * <p>Refers to the JDK only: it runs before anything may load a runtime class.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class BootJars {

  /** The agent jar's manifest attribute naming the nested boot jar. */
  public static final String MANIFEST_ATTRIBUTE = "FFTT-Boot-Jar";
  /** The folder holding the nested jar, in the agent jar and in a development build's classes. */
  static final String DIR = "META-INF/fftt/";
  /**
   * The prefix of the runtime's class names. A string, not derived from a runtime class: loading
   * one here would load it from the wrong place before the boot jar is appended.
   * {@code BootJarCopyTest} pins it to the runtime's classes.
   */
  static final String RUNTIME_PACKAGES = "dev.fftt.runtime.";

  private BootJars() {}

  /**
   * What {@link #append} did: {@code note} says it for the agent's start line; {@code jar} is
   * the file appended, or {@code null} when nothing was.
   */
  public record Appended(String note, Path jar) {}

  /**
   * Appends the nested jar of the agent {@code agentClass} comes from to the boot class path, and
   * says what it did, naming the file (for the agent's start line). On attach ({@code late})
   * nothing is appended when some class loader has loaded runtime classes already: that copy
   * stays the one in use, since appending now would split the runtime's packages between two
   * loaders.
   *
   * @throws UncheckedIOException when the nested jar cannot be copied out
   */
  public static Appended append(Instrumentation instrumentation, Class<?> agentClass,
      boolean late) {
    if (late) {
      String loader = loaderOfRuntime(instrumentation);
      if (loader != null) {
        return new Appended("the runtime was loaded already by " + loader
            + "; woven code uses that copy", null);
      }
    }
    Path location = location(agentClass);
    if (location == null) {
      return new Appended("the agent's location is unknown; the runtime must be on the class path",
          null);
    }
    try {
      JarFile jar = Files.isDirectory(location) ? fromDirectory(location.resolve(DIR))
          : fromJar(location);
      if (jar == null) {
        return new Appended("no boot jar in " + location + " (a development build); the runtime"
            + " must be on the class path", null);
      }
      instrumentation.appendToBootstrapClassLoaderSearch(jar);
      return new Appended("runtime and annotations on the boot class path from " + jar.getName(),
          Path.of(jar.getName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put the FFTT runtime on the boot class path", e);
    }
  }

  private static JarFile fromDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*-boot.jar")) {
      for (Path jar : jars) {
        return new JarFile(jar.toFile());
      }
    }
    return null;
  }

  private static JarFile fromJar(Path agentJar) throws IOException {
    byte[] content;
    String version;
    try (JarFile agent = new JarFile(agentJar.toFile(), false)) {
      Manifest manifest = agent.getManifest();
      String entryName = manifest == null ? null
          : manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
      JarEntry entry = entryName == null ? null : agent.getJarEntry(entryName);
      if (entry == null) {
        return null;
      }
      version = manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
      try (InputStream in = agent.getInputStream(entry)) {
        content = in.readAllBytes();
      }
    }
    Path copy = BootJarCopy.place(Path.of(System.getProperty("java.io.tmpdir")),
        System.getProperty("user.name", ""), version, content);
    return new JarFile(copy.toFile());
  }

  /** The loader (described) that has loaded runtime classes, or {@code null}. */
  private static String loaderOfRuntime(Instrumentation instrumentation) {
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.getClassLoader() != null && type.getName().startsWith(RUNTIME_PACKAGES)) {
        return String.valueOf(type.getClassLoader());
      }
    }
    return null;
  }

  private static Path location(Class<?> agentClass) {
    CodeSource source = agentClass.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
