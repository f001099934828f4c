package dev.fftt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.internal.weave.ProcessorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processor adds to a build, as CPU time of the compiling thread in one warm JVM (javac
 * compiles on the calling thread, so other processes on the machine barely disturb it; wall time
 * is printed beside it). Source sets of 200 and 2,000 classes, 1% of them annotated (four woven
 * methods each, all four annotations, a {@code @LoopCompatible} body); the other classes are the
 * same code without FFTT annotations. Compiled four ways, interleaved so drift hits all alike:
 *
 * <ul>
 *   <li>no processor ({@code -proc:none});
 *   <li>a no-op processor (supports {@code "*"}, does nothing), registered as FFTT's is: what any
 *       processor costs, since javac then enters every class once more per round;
 *   <li>FFTT's processor;
 *   <li>a processor that writes one trivial source in its first round: what a second round costs.
 * </ul>
 *
 * <p>Fails when, at 2,000 classes, FFTT's processor costs more than 10% over the no-op one.
 *
 * <p>Not part of the normal build (tag {@code measure}); run it with {@code mvn -pl processor -am
 * test -Dfftt.excluded.groups=none -Dgroups=measure -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints medians and writes them to {@code target/compile-time.txt}.
 */
@Tag("measure")
class CompileTimeMeasurementTest {

  /** Every 100th class is annotated. */
  private static final int ANNOTATED_EVERY = 100;
  private static final int WARMUP = 3;
  private static final double MAX_OVER_NO_OP = 0.10;

  /** How the compilation is set up. */
  enum Setup {
    NONE("no processor"),
    NO_OP("no-op processor"),
    FFTT("fftt-processor"),
    ONE_SOURCE("no-op + 1 generated source");

    final String label;

    Setup(String label) {
      this.label = label;
    }
  }

  @TempDir Path root;

  @Test
  void compileTimeOfTheProcessorOverANoOpOne() throws IOException {
    String classPath = System.getProperty("java.class.path");
    StringBuilder report = new StringBuilder();
    Map<Setup, long[]> large = null;
    for (int classes : new int[] {200, 2000}) {
      int runs = classes <= 200 ? 15 : 9;
      List<Path> sources = generate(root.resolve("src" + classes), classes);
      Map<Setup, long[][]> times = new EnumMap<>(Setup.class);
      for (Setup setup : Setup.values()) {
        times.put(setup, new long[2][runs]);
      }
      for (int i = 0; i < WARMUP; i++) {
        for (Setup setup : Setup.values()) {
          compile(sources, classPath, setup, classes);
        }
      }
      for (int i = 0; i < runs; i++) {
        for (Setup setup : Setup.values()) {
          long[] t = compile(sources, classPath, setup, classes);
          times.get(setup)[0][i] = t[0];
          times.get(setup)[1][i] = t[1];
        }
      }
      Map<Setup, long[]> medians = new EnumMap<>(Setup.class);
      times.forEach((setup, t) -> medians.put(setup, new long[] {median(t[0]), median(t[1])}));
      report.append(String.format(Locale.ROOT,
          "%d classes, %d annotated; medians of %d warm in-process runs,"
              + " CPU of the compiling thread (wall)%n", classes, annotated(classes), runs));
      for (Setup setup : Setup.values()) {
        long[] m = medians.get(setup);
        report.append(String.format(Locale.ROOT, "  %-28s %6d ms (%6d ms)%n",
            setup.label, m[1], m[0]));
      }
      long noOp = medians.get(Setup.NO_OP)[1];
      report.append(String.format(Locale.ROOT,
          "  any processor over none:     %+6d ms (%+.1f%%)%n"
              + "  fftt over no-op:             %+6d ms (%+.1f%%)%n"
              + "  a second round (1 source):   %+6d ms (%+.1f%%)%n",
          noOp - medians.get(Setup.NONE)[1], percent(medians.get(Setup.NONE)[1], noOp),
          medians.get(Setup.FFTT)[1] - noOp, percent(noOp, medians.get(Setup.FFTT)[1]),
          medians.get(Setup.ONE_SOURCE)[1] - noOp,
          percent(noOp, medians.get(Setup.ONE_SOURCE)[1])));
      large = medians;
    }
    System.out.print(report);
    Files.writeString(Path.of("target", "compile-time.txt"), report);

    long noOp = large.get(Setup.NO_OP)[1];
    assertThat(large.get(Setup.FFTT)[1])
        .as("CPU ms at 2,000 classes with fftt-processor, against %d ms with a no-op one", noOp)
        .isLessThanOrEqualTo(Math.round(noOp * (1 + MAX_OVER_NO_OP)));
  }

  /** Compiles in this JVM; returns {wall ms, CPU ms of this thread} (javac runs on it). */
  private long[] compile(List<Path> sources, String classPath, Setup setup, int classes)
      throws IOException {
    Path out = Files.createTempDirectory(root, "out");
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(),
        "-cp", classPath, "--release", "17", "-Xlint:all,-processing"));
    if (setup == Setup.NONE) {
      options.add("-proc:none");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      switch (setup) {
        case NO_OP -> task.setProcessors(List.<Processor>of(new NoOp(false)));
        case ONE_SOURCE -> task.setProcessors(List.<Processor>of(new NoOp(true)));
        case FFTT -> task.setProcessors(List.<Processor>of(new FfttProcessor()));
        case NONE -> { }
      }
      assertThat(task.call()).isTrue();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    long cpuMillis = TimeUnit.NANOSECONDS.toMillis(threads.getCurrentThreadCpuTime() - cpuStart);
    checkOutput(out, setup, classes);
    deleteTree(out);
    return new long[] {millis, cpuMillis};
  }

  /** FFTT's run indexed the annotated classes and generated no source; the others no index. */
  private static void checkOutput(Path out, Setup setup, int classes) throws IOException {
    Path index = out.resolve(ProcessorIndex.PATH);
    if (setup == Setup.FFTT) {
      try (InputStream in = Files.newInputStream(index)) {
        assertThat(ProcessorIndex.read(in)).hasSize(annotated(classes));
      }
    } else {
      assertThat(index).doesNotExist();
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(f -> f.toString().endsWith(".java")).count())
          .as("generated sources").isEqualTo(setup == Setup.ONE_SOURCE ? 1 : 0);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(f);
      }
    }
  }

  private static int annotated(int classes) {
    return (classes + ANNOTATED_EVERY - 1) / ANNOTATED_EVERY;
  }

  /** Writes the service classes; every 100th carries the FFTT annotations. */
  private static List<Path> generate(Path dir, int classes) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("bench"));
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      Path file = pkg.resolve("Service" + i + ".java");
      Files.writeString(file, service(i, i % ANNOTATED_EVERY == 0));
      sources.add(file);
    }
    return sources;
  }

  private static String service(int i, boolean annotated) {
    String name = "Service" + i;
    String a = annotated ? "" : "// ";
    return String.join("\n",
        "package bench;",
        "",
        a + "import dev.fftt.annotations.AsyncMonitor;",
        a + "import dev.fftt.annotations.LoopCompatible;",
        a + "import dev.fftt.annotations.Retry;",
        a + "import dev.fftt.annotations.WithTimeout;",
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
        a + "@AsyncMonitor",
        "public class " + name + " {",
        "  private final Map<String, Integer> cache = new ConcurrentHashMap<>();",
        "  private final Executor executor;",
        "",
        "  public " + name + "(Executor executor) {",
        "    this.executor = executor;",
        "  }",
        "",
        "  " + a + "@WithTimeout(value = 2, unit = ChronoUnit.SECONDS)",
        "  " + a + "@Retry(maxRetries = 2, delay = 50, multiplier = 2.0,"
            + " retryOn = IOException.class)",
        "  public CompletableFuture<Integer> load(String key) {",
        "    return CompletableFuture.supplyAsync(() -> compute(key), executor)",
        "        .thenApply(v -> v + " + i + ");",
        "  }",
        "",
        "  " + a + "@LoopCompatible(runOn = \"processing\")",
        "  public CompletionStage<List<String>> names(int limit) {",
        "    List<String> names = new ArrayList<>();",
        "    for (int n = 0; n < limit; n++) {",
        "      names.add(\"name\" + n + cache.getOrDefault(\"k\" + n, 0));",
        "    }",
        "    return CompletableFuture.completedFuture(names);",
        "  }",
        "",
        "  " + a + "@AsyncMonitor(\"bench." + i + ".store\")",
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

  /**
   * Does nothing, as cheaply as a processor can; with {@code oneSource} it writes one trivial
   * source in its first round, so javac runs one round more.
   */
  static final class NoOp extends AbstractProcessor {
    private final boolean oneSource;
    private boolean written;

    NoOp(boolean oneSource) {
      this.oneSource = oneSource;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      if (oneSource && !written) {
        written = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("gen.Trivial").openWriter()) {
          out.write("package gen;\nfinal class Trivial {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
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
