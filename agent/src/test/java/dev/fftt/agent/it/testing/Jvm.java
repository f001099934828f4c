package dev.fftt.agent.it.testing;

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
import java.util.stream.Collectors;

/** A forked JVM for a test: its command line, then its exit code and output. */
public final class Jvm {

  private static final long TIMEOUT_SECONDS = 90;

  private final Path javaHome;
  private final List<String> options = new ArrayList<>();
  private final List<Path> classPath = new ArrayList<>();
  private final java.util.Map<String, String> environment = new java.util.HashMap<>();

  private Jvm(Path javaHome) {
    this.javaHome = javaHome;
    // Short-lived JVMs on a small machine: C1 only and the serial collector start fastest.
    options.add("-XX:TieredStopAtLevel=1");
    options.add("-XX:+UseSerialGC");
  }

  /** The JVM running the tests. */
  public static Jvm current() {
    return new Jvm(Path.of(System.getProperty("java.home")));
  }

  /** Another installed JVM. */
  public static Jvm at(Path javaHome) {
    return new Jvm(javaHome);
  }

  /** Adds {@code -javaagent:<built agent>[=options]}. */
  public Jvm agent(String agentOptions) {
    options.add("-javaagent:" + TestPaths.agentJar()
        + (agentOptions == null || agentOptions.isEmpty() ? "" : "=" + agentOptions));
    return this;
  }

  /** Adds JVM options. */
  public Jvm options(String... more) {
    options.addAll(Arrays.asList(more));
    return this;
  }

  /** Sets an environment variable of the forked JVM (on top of this one's). */
  public Jvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Adds class path entries. */
  public Jvm classPath(Path... entries) {
    classPath.addAll(Arrays.asList(entries));
    return this;
  }

  /** Runs {@code mainClass} with {@code args}, waits for it to end (or fails the test after 90 s). */
  public Result run(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(options);
    if (!classPath.isEmpty()) {
      command.add("-cp");
      command.add(classPath.stream().map(Path::toString)
          .collect(Collectors.joining(File.pathSeparator)));
    }
    command.add(mainClass);
    command.addAll(args);
    try {
      Path dir = TestPaths.workDir();
      Path out = Files.createTempFile(dir, "stdout-", ".txt");
      Path err = Files.createTempFile(dir, "stderr-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("the forked JVM did not end within " + TIMEOUT_SECONDS + " s: " + command
            + "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
            + "\n--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What a forked JVM did. */
  public static final class Result {
    private final List<String> command;
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    Result(List<String> command, int exitCode, String stdout, String stderr) {
      this.command = command;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public int exitCode() {
      return exitCode;
    }

    public String stdout() {
      return stdout;
    }

    public String stderr() {
      return stderr;
    }

    public List<String> stdoutLines() {
      return stdout.lines().collect(Collectors.toList());
    }

    /** Standard error without the JVM's own warnings (class data sharing, dynamic agents). */
    public List<String> stderrLinesWithoutJvmWarnings() {
      return stderr.lines()
          .filter(l -> !l.startsWith("OpenJDK 64-Bit Server VM warning:")
              && !l.startsWith("Java HotSpot(TM) 64-Bit Server VM warning:")
              && !l.startsWith("WARNING: A Java agent has been loaded dynamically")
              && !l.startsWith("WARNING: If a serviceability tool is")
              && !l.startsWith("WARNING: Dynamic loading of agents"))
          .collect(Collectors.toList());
    }

    /** How many lines of standard error contain {@code text}. */
    public long stderrCount(String text) {
      return stderr.lines().filter(l -> l.contains(text)).count();
    }

    /** The whole run, for failure messages. */
    public String describe() {
      return "command: " + String.join(" ", command) + "\nexit code: " + exitCode
          + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
  }
}
