package dev.fftt.agent.it.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artifacts are, from the system properties the failsafe configuration sets. */
public final class TestPaths {

  private TestPaths() {}

  /** The built agent jar. */
  public static Path agentJar() {
    return existing("fftt.agent.jar");
  }

  /** The test classes: the test apps and their fixtures. */
  public static Path testClasses() {
    return existing("fftt.test.classes");
  }

  /** The fftt-annotations jar. */
  public static Path annotationsJar() {
    return existing("fftt.annotations.jar");
  }

  /** The fftt-processor jar. */
  public static Path processorJar() {
    return existing("fftt.processor.jar");
  }

  /** The fftt-runtime jar. */
  public static Path runtimeJar() {
    return existing("fftt.runtime.jar");
  }

  /** A scratch folder for this build's forked JVMs. */
  public static Path workDir() {
    try {
      return Files.createDirectories(Path.of(property("fftt.work.dir")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The Java 25 home for the smoke run (may not exist on this machine). */
  public static Path java25Home() {
    return Path.of(property("fftt.java25.home"));
  }

  private static Path existing(String property) {
    Path path = Path.of(property(property));
    if (!Files.exists(path)) {
      throw new IllegalStateException(property + "=" + path + " does not exist; run `mvn verify`");
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set; run the"
          + " integration tests through maven-failsafe-plugin (`mvn verify`)");
    }
    return value;
  }
}
