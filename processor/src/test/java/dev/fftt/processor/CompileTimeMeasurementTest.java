package dev.fftt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what the processor adds to a build: compile time of 200 generated classes with and
 * without it. Not part of the normal build (tag {@code measure}); run it with
 * {@code mvn -pl processor -am test -Dfftt.excluded.groups=none -Dgroups=measure
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints medians and writes them to
 * {@code target/compile-time.txt}. On a busy machine trust the CPU-time line: javac compiles on
 * the calling thread, so other processes barely disturb it.
 */
@Tag("measure")
class CompileTimeMeasurementTest {

  private static final int CLASSES = 200;
  private static final int WARMUP = 3;
  private static final int RUNS = 15;
  private static final int FORKED_RUNS = 5;

  @TempDir Path root;

  @Test
  void compileTimeWithAndWithoutTheProcessor() throws Exception {
    List<Path> sources = generate(root.resolve("src"));
    String classPath = System.getProperty("java.class.path");

    // In one warm JVM (the processor's own cost), alternating so drift hits both sides alike.
    for (int i = 0; i < WARMUP; i++) {
      inProcess(sources, classPath, false);
      inProcess(sources, classPath, true);
    }
    long[][] without = new long[2][RUNS];
    long[][] with = new long[2][RUNS];
    for (int i = 0; i < RUNS; i++) {
      long[] w = inProcess(sources, classPath, false);
      long[] p = inProcess(sources, classPath, true);
      without[0][i] = w[0];
      without[1][i] = w[1];
      with[0][i] = p[0];
      with[1][i] = p[1];
    }

    // As a build sees it: a fresh javac process each time.
    long[][] forkedWithout = new long[2][FORKED_RUNS];
    long[][] forkedWith = new long[2][FORKED_RUNS];
    for (int i = 0; i < FORKED_RUNS; i++) {
      long[] w = forked(sources, classPath, false);
      long[] p = forked(sources, classPath, true);
      forkedWithout[0][i] = w[0];
      forkedWithout[1][i] = w[1];
      forkedWith[0][i] = p[0];
      forkedWith[1][i] = p[1];
    }

    String report = String.format(Locale.ROOT,
        "%d classes (%d woven methods, %d plain); medians%n"
            + "warm in-process, CPU time of the compiling thread (%d runs):"
            + " without %d ms, with %d ms (%+.0f%%)%n"
            + "warm in-process, wall time (%d runs): without %d ms, with %d ms (%+.0f%%)%n"
            + "fresh javac process, CPU time, all its threads (%d runs): without %d ms, with %d ms"
            + " (%+.0f%%)%n"
            + "fresh javac process, wall time (%d runs): without %d ms, with %d ms (%+.0f%%)%n",
        CLASSES, CLASSES * 4, CLASSES * 4,
        RUNS, median(without[1]), median(with[1]), percent(median(without[1]), median(with[1])),
        RUNS, median(without[0]), median(with[0]), percent(median(without[0]), median(with[0])),
        FORKED_RUNS, median(forkedWithout[1]), median(forkedWith[1]),
        percent(median(forkedWithout[1]), median(forkedWith[1])),
        FORKED_RUNS, median(forkedWithout[0]), median(forkedWith[0]),
        percent(median(forkedWithout[0]), median(forkedWith[0])));
    System.out.print(report);
    Files.writeString(Path.of("target", "compile-time.txt"), report);
  }

  /** Compiles in this JVM; returns {wall ms, CPU ms of this thread} (javac runs on it). */
  private long[] inProcess(List<Path> sources, String classPath, boolean withProcessor)
      throws IOException {
    Path out = Files.createTempDirectory(root, "out");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null,
          options(out, classPath, withProcessor), null, files.getJavaFileObjectsFromPaths(sources));
      if (withProcessor) {
        task.setProcessors(List.of(new FfttProcessor()));
      }
      assertThat(task.call()).isTrue();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    long cpuMillis = TimeUnit.NANOSECONDS.toMillis(threads.getCurrentThreadCpuTime() - cpuStart);
    checkOutput(out, withProcessor);
    return new long[] {millis, cpuMillis};
  }

  /**
   * Compiles in a fresh javac process, under bash so that its {@code times} builtin reports the
   * process's CPU time; returns {wall ms, CPU ms (user + system, all threads)}.
   */
  private long[] forked(List<Path> sources, String classPath, boolean withProcessor)
      throws IOException, InterruptedException {
    Path out = Files.createTempDirectory(root, "out");
    Path argFile = root.resolve("sources.txt");
    Files.write(argFile, sources.stream().map(Path::toString).toList());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
    command.addAll(options(out, classPath, withProcessor));
    if (withProcessor) {
      command.addAll(List.of("-processor", FfttProcessor.class.getName(),
          "-processorpath", classPath));
    }
    command.add("@" + argFile);
    List<String> shell = new ArrayList<>(List.of("bash", "-c",
        "\"$@\" 1>&2; status=$?; times; exit $status", "bash"));
    shell.addAll(command);
    long start = System.nanoTime();
    Process javac = new ProcessBuilder(shell)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String times = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(javac.waitFor()).isZero();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    checkOutput(out, withProcessor);
    return new long[] {millis, childCpuMillis(times)};
  }

  /** The children's user + system time from bash's {@code times} (its second line). */
  private static long childCpuMillis(String times) {
    String[] lines = times.strip().split("\n");
    Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s")
        .matcher(lines[lines.length - 1]);
    assertThat(m.find()).as("bash times output: %s", times).isTrue();
    double seconds = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
        + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
    return Math.round(seconds * 1000);
  }

  private static List<String> options(Path out, String classPath, boolean withProcessor) {
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(),
        "-cp", classPath, "--release", "17", "-Xlint:all,-processing"));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    return options;
  }

  private static void checkOutput(Path out, boolean withProcessor) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      long policies = files.filter(f -> f.toString().endsWith("$$FfttPolicy.class")).count();
      assertThat(policies).isEqualTo(withProcessor ? CLASSES : 0);
    }
  }

  /** Writes 200 service classes: 4 woven methods (all four annotations in use) and 4 plain. */
  private static List<Path> generate(Path dir) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("bench"));
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < CLASSES; i++) {
      Path file = pkg.resolve("Service" + i + ".java");
      Files.writeString(file, service(i));
      sources.add(file);
    }
    return sources;
  }

  private static String service(int i) {
    String name = "Service" + i;
    return String.join("\n",
        "package bench;",
        "",
        "import dev.fftt.annotations.AsyncMonitor;",
        "import dev.fftt.annotations.LoopCompatible;",
        "import dev.fftt.annotations.Retry;",
        "import dev.fftt.annotations.WithTimeout;",
        "import java.io.IOException;",
        "import java.time.temporal.ChronoUnit;",
        "import java.util.ArrayList;",
        "import java.util.List;",
        "import java.util.Map;",
        "import java.util.concurrent.CompletableFuture;",
        "import java.util.concurrent.CompletionStage;",
        "import java.util.concurrent.ConcurrentHashMap;",
        "import java.util.concurrent.Executor;",
        "",
        "@AsyncMonitor",
        "public class " + name + " {",
        "  private final Map<String, Integer> cache = new ConcurrentHashMap<>();",
        "  private final Executor executor;",
        "",
        "  public " + name + "(Executor executor) {",
        "    this.executor = executor;",
        "  }",
        "",
        "  @WithTimeout(value = 2, unit = ChronoUnit.SECONDS)",
        "  @Retry(maxRetries = 2, delay = 50, multiplier = 2.0, retryOn = IOException.class)",
        "  public CompletableFuture<Integer> load(String key) {",
        "    return CompletableFuture.supplyAsync(() -> compute(key), executor)",
        "        .thenApply(v -> v + " + i + ");",
        "  }",
        "",
        "  @LoopCompatible(runOn = \"processing\")",
        "  public CompletionStage<List<String>> names(int limit) {",
        "    List<String> names = new ArrayList<>();",
        "    for (int n = 0; n < limit; n++) {",
        "      names.add(\"name\" + n + cache.getOrDefault(\"k\" + n, 0));",
        "    }",
        "    return CompletableFuture.completedFuture(names);",
        "  }",
        "",
        "  @AsyncMonitor(\"bench." + i + ".store\")",
        "  public CompletableFuture<Void> store(String key, int value) {",
        "    cache.merge(key, value, Integer::sum);",
        "    return CompletableFuture.runAsync(() -> cache.remove(key + \"-old\"), executor);",
        "  }",
        "",
        "  public CompletableFuture<String> describe() {",
        "    return load(\"x\").thenCombine(names(3).toCompletableFuture(),",
        "        (v, n) -> v + \":\" + String.join(\",\", n));",
        "  }",
        "",
        "  public int compute(String key) {",
        "    int h = 0;",
        "    for (char c : key.toCharArray()) {",
        "      h = 31 * h + c;",
        "    }",
        "    return Math.abs(h % 1000);",
        "  }",
        "",
        "  public String format(int value) {",
        "    return switch (value % 3) {",
        "      case 0 -> \"zero\";",
        "      case 1 -> \"one\";",
        "      default -> \"many\";",
        "    };",
        "  }",
        "",
        "  public int size() {",
        "    return cache.size();",
        "  }",
        "",
        "  public void clear() {",
        "    cache.clear();",
        "  }",
        "}",
        "");
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double percent(long base, long value) {
    return 100.0 * (value - base) / base;
  }
}
