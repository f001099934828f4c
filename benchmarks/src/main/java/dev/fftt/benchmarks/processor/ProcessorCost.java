package dev.fftt.benchmarks.processor;

import dev.fftt.benchmarks.report.Json;
import dev.fftt.benchmarks.startup.GenerateApp;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the annotation processor adds to compiling a 200-class source set (10% of the classes
 * annotated, so it has real work), measured two ways, with and without the processor interleaved:
 * <ul>
 *   <li>in-process: javac through {@code javax.tools} in this JVM after warm-up rounds, as Maven's
 *       compiler plugin runs it (median of {@code rounds});
 *   <li>a {@code javac} process per compilation, JVM start included (median of {@code rounds / 2}).
 * </ul>
 * Without the processor: {@code -proc:none}. With it: {@code -processorpath} the processor and
 * JavaPoet, as a build that lists it in annotationProcessorPaths.
 *
 * <p>Usage: {@code ProcessorCost <workDir> <classpath> <processorpath> <rounds> <out.json>}
 */
public final class ProcessorCost {

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    String classpath = args[1];
    String processorPath = args[2];
    int rounds = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    deleteTree(work);
    List<Path> sources = GenerateApp.write(work, 200, 10);
    List<String> files = new ArrayList<>();
    for (Path p : sources) {
      files.add(p.toString());
    }
    List<String> without = List.of("-proc:none");
    List<String> with = List.of("-processorpath", processorPath);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < 3; i++) { // warm-up
      inProcess(javac, work, classpath, without, files);
      inProcess(javac, work, classpath, with, files);
    }
    List<double[]> inWithout = new ArrayList<>();
    List<double[]> inWith = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      inWithout.add(inProcess(javac, work, classpath, without, files));
      inWith.add(inProcess(javac, work, classpath, with, files));
    }
    List<double[]> prWithout = new ArrayList<>();
    List<double[]> prWith = new ArrayList<>();
    int processRounds = Math.max(3, rounds / 2);
    process(work, classpath, without, files); // warm the file cache
    for (int i = 0; i < processRounds; i++) {
      prWithout.add(process(work, classpath, without, files));
      prWith.add(process(work, classpath, with, files));
    }
    boolean generated = Files.exists(work.resolve("classes/META-INF/fftt/woven-classes.idx"));

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sourceFiles", files.size());
    json.put("annotatedClasses", 20);
    json.put("processorRan", generated);
    json.put("inProcess", stats(inWithout, inWith));
    json.put("javacProcess", stats(prWithout, prWith));
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%d source files (200 classes, 20 annotated); processor output present: %s%n%n",
        files.size(), generated));
    md.append("| compilation | measure | without processor, median | with processor, median | added |\n|---|---|---:|---:|---:|\n");
    md.append(row("in-process javac (warm, as Maven runs it), " + rounds + " runs each", "wall", col(inWithout, 0), col(inWith, 0)));
    md.append(row("", "CPU of the compiling thread", col(inWithout, 1), col(inWith, 1)));
    md.append(row("a javac process each (JVM start included), " + processRounds + " runs each", "wall", col(prWithout, 0), col(prWith, 0)));
    if (!Double.isNaN(prWith.get(0)[1])) {
      md.append(row("", "CPU (user + sys) of the process", col(prWithout, 1), col(prWith, 1)));
    }
    md.append("\nCPU time is what load on a shared machine disturbs least.\n");
    System.out.print(md);
    Files.writeString(out, Json.write(json) + "\n", StandardCharsets.UTF_8);
    Files.writeString(Path.of(out.toString().replaceAll("\\.json$", "") + ".md"), md, StandardCharsets.UTF_8);
  }

  private static Map<String, Object> stats(List<double[]> without, List<double[]> with) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("withoutMedianMillis", median(col(without, 0)));
    m.put("withMedianMillis", median(col(with, 0)));
    m.put("withoutCpuMedianMillis", median(col(without, 1)));
    m.put("withCpuMedianMillis", median(col(with, 1)));
    m.put("withoutMillis", col(without, 0));
    m.put("withMillis", col(with, 0));
    return m;
  }

  private static List<Double> col(List<double[]> rows, int i) {
    List<Double> c = new ArrayList<>();
    for (double[] r : rows) {
      c.add(r[i]);
    }
    return c;
  }

  private static String row(String what, String measure, List<Double> without, List<Double> with) {
    double a = median(without);
    double b = median(with);
    return String.format(Locale.ROOT, "| %s | %s | %.0f ms | %.0f ms | %+.1f%% |%n", what, measure, a, b, (b / a - 1) * 100);
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** Returns {wall ms, CPU ms of this thread (javac compiles on the calling thread)}. */
  private static double[] inProcess(JavaCompiler javac, Path work, String cp, List<String> procOptions,
      List<String> files) throws IOException {
    Path classes = fresh(work.resolve("classes"));
    Path gen = fresh(work.resolve("generated"));
    List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-s", gen.toString(),
        "-cp", cp, "--release", "17", "-nowarn"));
    options.addAll(procOptions);
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, fm, null, options, null,
          fm.getJavaFileObjectsFromStrings(files)).call();
      if (!ok) {
        throw new IllegalStateException("compilation failed with " + procOptions);
      }
    }
    return new double[] {(System.nanoTime() - t0) / 1e6, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6};
  }

  /** Returns {wall ms, user+sys CPU ms of the javac process (NaN without /usr/bin/time)}. */
  private static double[] process(Path work, String cp, List<String> procOptions, List<String> files)
      throws IOException, InterruptedException {
    Path classes = fresh(work.resolve("classes"));
    Path gen = fresh(work.resolve("generated"));
    Path argFile = work.resolve("javac.args");
    List<String> lines = new ArrayList<>(List.of("-d", classes.toString(), "-s", gen.toString(),
        "-cp", cp, "--release", "17", "-nowarn"));
    lines.addAll(procOptions);
    lines.addAll(files);
    Files.write(argFile, lines, StandardCharsets.UTF_8);
    String javacBin = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    List<String> cmd = new ArrayList<>();
    boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
    if (time) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "FFTT_CPU=%U %S"));
    }
    cmd.addAll(List.of(javacBin, "@" + argFile));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("javac failed:\n" + output);
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("FFTT_CPU=([0-9.]+) ([0-9.]+)").matcher(output);
    double cpu = m.find() ? (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1000 : Double.NaN;
    return new double[] {wall, cpu};
  }

  private static Path fresh(Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    return dir;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static String join(List<Path> paths) {
    List<String> s = new ArrayList<>();
    for (Path p : paths) {
      s.add(p.toString());
    }
    return String.join(File.pathSeparator, s);
  }

  private ProcessorCost() {}
}
