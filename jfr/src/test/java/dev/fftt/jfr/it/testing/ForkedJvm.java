package dev.fftt.jfr.it.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM forked for a test, with the paths the failsafe configuration passes: the built agent, the
 * fftt-annotations jar, this module's jar and its test classes.
 */
public final class ForkedJvm {

  private static final long TIMEOUT_SECONDS = 120;

  private final List<String> command = new ArrayList<>();

  private ForkedJvm(Path javaHome) {
    command.add(javaHome.resolve("bin").resolve("java").toString());
    // Short-lived JVMs on a small machine: C1 only and the serial collector start fastest.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
  }

  /** This JVM's Java with {@code -javaagent:<the reactor's agent>[=agentOptions]}. */
  public static ForkedJvm withAgent(String agentOptions) {
    return withAgent(Path.of(System.getProperty("java.home")), agentOptions);
  }

  /** The Java at {@code javaHome} with {@code -javaagent:<the reactor's agent>[=agentOptions]}. */
  public static ForkedJvm withAgent(Path javaHome, String agentOptions) {
    ForkedJvm jvm = new ForkedJvm(javaHome);
    jvm.command.add("-javaagent:" + path("fftt.agent.jar")
        + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
    return jvm;
  }

  /** Adds JVM options. */
  public ForkedJvm options(String... options) {
    command.addAll(Arrays.asList(options));
    return this;
  }

  /**
   * Runs {@code mainClass} with the test classes, fftt-annotations and fftt-jfr on the class path
   * (the runtime comes with the agent); fails the test after two minutes.
   */
  public Result run(String mainClass, String... args) {
    List<String> full = new ArrayList<>(command);
    full.add("-cp");
    full.add(String.join(File.pathSeparator, path("fftt.test.classes").toString(),
        path("fftt.annotations.jar").toString(), path("fftt.jfr.jar").toString()));
    full.add(mainClass);
    full.addAll(Arrays.asList(args));
    try {
      Path out = Files.createTempFile(workDir(), "stdout-", ".txt");
      Path err = Files.createTempFile(workDir(), "stderr-", ".txt");
      Process process = new ProcessBuilder(full).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("the forked JVM did not end within " + TIMEOUT_SECONDS + " s: " + full);
      }
      return new Result(full, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A scratch folder for the forked JVMs' output and recordings. */
  public static Path workDir() {
    try {
      return Files.createDirectories(Path.of(property("fftt.work.dir")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Java 25 home for the runs on another Java (may not exist on this machine). */
  public static Path java25Home() {
    return Path.of(property("fftt.java25.home"));
  }

  private static Path path(String property) {
    Path path = Path.of(property(property));
    if (!Files.exists(path)) {
      throw new IllegalStateException(property + "=" + path + " does not exist; build the agent"
          + " and this module first (mvn verify -pl jfr -am)");
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set; run the"
          + " integration tests through maven-failsafe-plugin (mvn verify)");
    }
    return value;
  }

  /** What a forked JVM did. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    /** Standard output, line by line. */
    public List<String> lines() {
      return stdout.lines().toList();
    }

    /** The whole run, for failure messages. */
    public String describe() {
      return "command: " + String.join(" ", command) + "\nexit code: " + exitCode
          + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
  }
}
