package dev.fftt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
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
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processor adds to a build, as CPU time of the compiling thread in one warm JVM (javac
 * compiles on the calling thread; wall time is printed beside it). Source sets of 200 and 2,000
 * classes, 1% of them annotated (four woven methods each, all four annotations, a
 * {@code @LoopCompatible} body); the other classes are the same code without FFTT annotations.
 * Compiled four ways, interleaved so drift hits all alike:
 *
 * <ul>
 *   <li>no processor ({@code -proc:none});
 *   <li>a no-op processor (supports {@code "*"}, does nothing), registered as FFTT's is: what any
 *       processor costs, since javac then enters every class once more per round;
 *   <li>FFTT's processor;
 *   <li>a processor that writes one trivial source in its first round: what a second round costs.
 * </ul>
 *
 * <p>The CPU time of whole compilations of 2,000 classes varies from run to run by 10-30% on a
 * shared machine (GC and cache effects of javac's large heap), far more than the processor costs.
 * So two steadier measures decide: the processor's own CPU time, measured in extra compilations
 * inside its {@code init} and {@code process} and inside its task listener (between a listener
 * registered just before it and one just after); and the bytes the compiling thread allocates,
 * which also show work the processor would make javac do outside those calls (as an extra round
 * does; {@code GeneratedOutputTest} checks that there is none). The test fails when, at 2,000
 * classes, the own time exceeds 10% of the no-op compilation's CPU time, or the allocation
 * exceeds the no-op compilation's by more than 10%.
 *
 * <p>Not part of the normal build (tag {@code measure}); run it with {@code mvn -pl processor -am
 * test -Dfftt.excluded.groups=none -Dgroups=measure -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints medians and writes them to {@code target/compile-time.txt}.
 */
@Tag("measure")
class CompileTimeMeasurementTest {

  /** Every 100th class is annotated. */
  private static final int ANNOTATED_EVERY = 100;
  private static final double MAX_OVER_NO_OP = 0.10;
  /** Extra compilations with FFTT's own time measured. */
  private static final int OWN_RUNS = 3;

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
    long largeOwn = 0;
    for (int classes : new int[] {200, 2000}) {
      int warmup = classes <= 200 ? 3 : 2;
      int runs = classes <= 200 ? 11 : 7;
      List<Path> sources = generate(root.resolve("src" + classes), classes);
      // Per setup: {wall ns, CPU ns, allocated bytes} of each run.
      Map<Setup, long[][]> measured = new EnumMap<>(Setup.class);
      for (Setup setup : Setup.values()) {
        measured.put(setup, new long[3][runs]);
      }
      for (int i = 0; i < warmup; i++) {
        for (Setup setup : Setup.values()) {
          compile(sources, classPath, setup, classes, null);
        }
      }
      Setup[] all = Setup.values();
      for (int i = 0; i < runs; i++) {
        // Each setup in each position in turn: a compilation leaves garbage and GC work to the
        // next one, which must not always fall on the same setup.
        for (int k = 0; k < all.length; k++) {
          Setup setup = all[(i + k) % all.length];
          long[] m = compile(sources, classPath, setup, classes, null);
          for (int j = 0; j < 3; j++) {
            measured.get(setup)[j][i] = m[j];
          }
        }
      }
      long[] own = new long[OWN_RUNS];
      long[] ownListener = new long[OWN_RUNS];
      for (int i = 0; i < OWN_RUNS; i++) {
        Timed timed = new Timed();
        compile(sources, classPath, Setup.FFTT, classes, timed);
        own[i] = timed.processNanos + timed.listenerNanos;
        ownListener[i] = timed.listenerNanos;
      }

      // Per setup: {wall median, CPU median, CPU min, allocated median}.
      Map<Setup, long[]> stats = new EnumMap<>(Setup.class);
      measured.forEach((setup, m) -> stats.put(setup, new long[] {
          median(m[0]), median(m[1]), Arrays.stream(m[1]).min().orElseThrow(), median(m[2])}));
      report.append(String.format(Locale.ROOT,
          "%d classes, %d annotated; %d warm in-process runs each; compiling thread's CPU median"
              + " (min), wall median, bytes it allocated (median)%n",
          classes, annotated(classes), runs));
      for (Setup setup : all) {
        long[] st = stats.get(setup);
        report.append(String.format(Locale.ROOT, "  %-28s CPU %6d ms (%6d ms), wall %6d ms,"
                + " allocated %7.1f MB%n",
            setup.label, ms(st[1]), ms(st[2]), ms(st[0]), st[3] / 1e6));
      }
      report.append(delta("any processor over none", stats.get(Setup.NONE), stats.get(Setup.NO_OP)));
      report.append(delta("fftt over no-op", stats.get(Setup.NO_OP), stats.get(Setup.FFTT)));
      report.append(String.format(Locale.ROOT,
          "  %-28s %.1f ms (%.2f%% of the no-op compilation's CPU; its task listener %.1f ms)%n",
          "fftt's own CPU time", median(own) / 1e6,
          100.0 * median(own) / stats.get(Setup.NO_OP)[1], median(ownListener) / 1e6));
      report.append(delta("a second round (1 source)",
          stats.get(Setup.NO_OP), stats.get(Setup.ONE_SOURCE)));
      large = stats;
      largeOwn = median(own);
    }
    System.out.print(report);
    Files.writeString(Path.of("target", "compile-time.txt"), report);

    long noOpCpu = large.get(Setup.NO_OP)[1];
    assertThat(largeOwn)
        .as("fftt-processor's own CPU ns at 2,000 classes, against %d ns for a compilation with"
            + " a no-op processor", noOpCpu)
        .isLessThanOrEqualTo(Math.round(noOpCpu * MAX_OVER_NO_OP));
    long noOpAllocated = large.get(Setup.NO_OP)[3];
    assertThat(large.get(Setup.FFTT)[3])
        .as("bytes the compiling thread allocated at 2,000 classes with fftt-processor, against"
            + " %d with a no-op processor", noOpAllocated)
        .isLessThanOrEqualTo(Math.round(noOpAllocated * (1 + MAX_OVER_NO_OP)));
  }

  /** One line comparing {@code to} with {@code from} (both as in {@code stats}). */
  private static String delta(String what, long[] from, long[] to) {
    return String.format(Locale.ROOT, "  %-28s CPU %+6d ms (%+.1f%%), min over min %+.1f%%,"
            + " allocated %+.1f MB (%+.2f%%)%n",
        what, ms(to[1]) - ms(from[1]), percent(from[1], to[1]), percent(from[2], to[2]),
        (to[3] - from[3]) / 1e6, percent(from[3], to[3]));
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /**
   * Compiles in this JVM; returns {wall ns, CPU ns of this thread, bytes this thread allocated}
   * (javac runs on it). With {@code timed}, FFTT's processor runs inside it.
   */
  private long[] compile(List<Path> sources, String classPath, Setup setup, int classes,
      Timed timed) throws IOException {
    Path out = Files.createTempDirectory(root, "out");
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(),
        "-cp", classPath, "--release", "17", "-Xlint:all,-processing"));
    if (setup == Setup.NONE) {
      options.add("-proc:none");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.gc(); // start each compilation from a collected heap, not the last one's garbage
    long allocatedStart = allocated(threads);
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, null, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      switch (setup) {
        case NO_OP -> task.setProcessors(List.<Processor>of(new NoOp(false)));
        case ONE_SOURCE -> task.setProcessors(List.<Processor>of(new NoOp(true)));
        case FFTT -> task.setProcessors(
            List.<Processor>of(timed == null ? new FfttProcessor() : timed));
        case NONE -> { }
      }
      if (timed != null) {
        ((JavacTask) task).addTaskListener(timed.before);
      }
      assertThat(task.call()).isTrue();
    }
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    long allocatedBytes = allocated(threads) - allocatedStart;
    checkOutput(out, setup, classes);
    deleteTree(out);
    return new long[] {wall, cpu, allocatedBytes};
  }

  /**
   * Bytes this thread has allocated so far: a measure of javac's work that, unlike CPU time, the
   * GC and the other processes on the machine do not disturb.
   */
  private static long allocated(ThreadMXBean threads) {
    return ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes();
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

  /**
   * FFTT's processor, with the CPU time spent in it summed: in {@code init} and {@code process},
   * and in its task listener, which javac calls between {@link #before} (registered on the task
   * before the compilation) and the listener this adds after FFTT's own in {@code init}. Only
   * {@code ANALYZE} events are timed, the only ones FFTT's listener acts on; each still adds one
   * read of the thread's CPU clock (a few microseconds) to the listener's time, so the figure is
   * an upper bound.
   */
  static final class Timed implements Processor {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Processor processor = new FfttProcessor();
    /** CPU time in init and process so far; javac calls everything here on its one thread. */
    long processNanos;
    /** CPU time in the processor's task listener so far. */
    long listenerNanos;
    private long listenerStart;

    final TaskListener before = new TaskListener() {
      @Override
      public void finished(TaskEvent event) {
        if (event.getKind() == TaskEvent.Kind.ANALYZE) {
          listenerStart = THREADS.getCurrentThreadCpuTime();
        }
      }
    };

    @Override
    public void init(ProcessingEnvironment env) {
      long start = THREADS.getCurrentThreadCpuTime();
      processor.init(env);
      processNanos += THREADS.getCurrentThreadCpuTime() - start;
      JavacTask.instance(env).addTaskListener(new TaskListener() {
        @Override
        public void finished(TaskEvent event) {
          if (event.getKind() == TaskEvent.Kind.ANALYZE) {
            listenerNanos += THREADS.getCurrentThreadCpuTime() - listenerStart;
          }
        }
      });
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
      long start = THREADS.getCurrentThreadCpuTime();
      try {
        return processor.process(annotations, roundEnv);
      } finally {
        processNanos += THREADS.getCurrentThreadCpuTime() - start;
      }
    }

    @Override
    public Set<String> getSupportedOptions() {
      return processor.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return processor.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return processor.getSupportedSourceVersion();
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element,
        AnnotationMirror annotation, ExecutableElement member, String userText) {
      return processor.getCompletions(element, annotation, member, userText);
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
