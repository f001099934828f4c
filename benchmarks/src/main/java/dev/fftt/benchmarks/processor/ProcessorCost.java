package dev.fftt.benchmarks.processor;

import dev.fftt.benchmarks.report.Json;
import dev.fftt.benchmarks.startup.GenerateApp;
import dev.fftt.benchmarks.tools.TinyJar;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the FFTT annotation processor adds to compiling a generated source set (10% of the classes
 * annotated, so it has real work), for each size asked (the issue's is 2,000 classes), against
 * three other compilations of the same sources, all interleaved:
 * <ul>
 *   <li>{@code none}: {@code -proc:none};
 *   <li>{@code noop}: {@link NoopProcessor} on the processor path, the floor any processor pays;
 *       the target is the FFTT processor's time over this one;
 *   <li>{@code oneFile}: {@link OneFileProcessor}, which generates one trivial source, so over
 *       {@code noop} it is the cost of a second javac round;
 *   <li>{@code fftt}: {@code -processorpath} the FFTT processor and JavaPoet, as a build that lists
 *       it in annotationProcessorPaths.
 * </ul>
 * Each measured two ways: in-process, javac through {@code javax.tools} in this JVM after warm-up
 * rounds, as Maven's compiler plugin runs it (wall and the compiling thread's CPU, median of
 * {@code rounds}, after {@code min(3, rounds)} unmeasured ones); and a {@code javac} process per
 * compilation, JVM start included (wall and user + sys CPU, median of {@code max(3, rounds / 2)},
 * or of {@code rounds} when that is 1 or 2: quick looks).
 *
 * <p>After measuring, one compilation of a misused annotation with the FFTT processor path must
 * fail with the processor's message: proof that the processor was found and ran (it need not
 * write any file). The sources each processor generated are counted and reported.
 *
 * <p>Usage: {@code ProcessorCost <workDir> <classpath> <processorpath> <rounds> <out.json>
 * [sizes, comma-separated; default 2000]}
 */
public final class ProcessorCost {

  /** The compilations, in the order they run within a round. */
  static final String[] CONFIGS = {"none", "noop", "oneFile", "fftt"};

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Pattern CPU = Pattern.compile("FFTT_CPU=([0-9.]+) ([0-9.]+)");

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      throw new IllegalArgumentException("usage: ProcessorCost <workDir> <classpath> <processorpath>"
          + " <rounds> <out.json> [sizes, e.g. 2000,200]");
    }
    Path work = Path.of(args[0]);
    String classpath = args[1];
    String ffttPath = args[2];
    int rounds = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    List<Integer> sizes = new ArrayList<>();
    for (String s : (args.length > 5 ? args[5] : "2000").split(",")) {
      sizes.add(Integer.parseInt(s.trim()));
    }
    deleteTree(work);
    Files.createDirectories(work);
    String service = "META-INF/services/javax.annotation.processing.Processor";
    Path noopJar = TinyJar.write(work.resolve("noop-processor.jar"), Map.of(),
        Map.of(service, NoopProcessor.class.getName() + "\n"), NoopProcessor.class);
    Path oneFileJar = TinyJar.write(work.resolve("one-file-processor.jar"), Map.of(),
        Map.of(service, OneFileProcessor.class.getName() + "\n"), OneFileProcessor.class);
    Map<String, List<String>> options = new LinkedHashMap<>();
    options.put("none", List.of("-proc:none"));
    options.put("noop", List.of("-processorpath", noopJar.toString()));
    options.put("oneFile", List.of("-processorpath", oneFileJar.toString()));
    options.put("fftt", List.of("-processorpath", ffttPath));

    List<Object> results = new ArrayList<>();
    StringBuilder md = new StringBuilder();
    for (int size : sizes) {
      Map<String, Object> r = measure(work.resolve("c" + size), size, classpath, options, rounds);
      results.add(r);
      md.append(markdown(r));
    }
    boolean checks = processorRejectsMisuse(work.resolve("misuse"), classpath, ffttPath);
    md.append("\nThe FFTT processor ran: a misused annotation compiled with the same processor path ")
        .append(checks ? "failed with its message" : "was NOT rejected (the measurement is void)")
        .append(". CPU time is what load on a shared machine disturbs least.\n");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ffttProcessorRan", checks);
    json.put("sizes", results);
    System.out.print(md);
    Files.writeString(out, Json.write(json) + "\n", StandardCharsets.UTF_8);
    Files.writeString(Path.of(out.toString().replaceAll("\\.json$", "") + ".md"), md,
        StandardCharsets.UTF_8);
    if (!checks) {
      throw new IllegalStateException("the FFTT processor on " + ffttPath + " did not reject a misused"
          + " annotation: it did not run, so the measurement is void; check the processor path");
    }
  }

  private static Map<String, Object> measure(Path dir, int size, String classpath,
      Map<String, List<String>> options, int rounds) throws Exception {
    int every = 10;
    List<String> files = new ArrayList<>();
    for (Path p : GenerateApp.write(dir, size, every)) {
      files.add(p.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Map<String, List<double[]>> in = new LinkedHashMap<>();
    Map<String, List<double[]>> pr = new LinkedHashMap<>();
    Map<String, Integer> generated = new LinkedHashMap<>();
    for (String c : CONFIGS) {
      in.put(c, new ArrayList<>());
      pr.put(c, new ArrayList<>());
    }
    for (int i = 0; i < Math.min(3, rounds); i++) { // warm-up
      for (String c : CONFIGS) {
        inProcess(javac, dir, classpath, options.get(c), files);
        generated.put(c, countFiles(dir.resolve("generated")));
      }
    }
    for (int i = 0; i < rounds; i++) {
      for (String c : CONFIGS) {
        in.get(c).add(inProcess(javac, dir, classpath, options.get(c), files));
      }
    }
    int processRounds = rounds <= 2 ? rounds : Math.max(3, rounds / 2);
    process(dir, classpath, options.get("none"), files); // warm the file cache
    for (int i = 0; i < processRounds; i++) {
      for (String c : CONFIGS) {
        pr.get(c).add(process(dir, classpath, options.get(c), files));
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("classes", size);
    r.put("annotatedClasses", (size + every - 1 - every / 2) / every);
    r.put("sourceFiles", files.size());
    r.put("generatedSources", generated);
    r.put("inProcess", stats(in, rounds));
    r.put("javacProcess", stats(pr, processRounds));
    return r;
  }

  private static Map<String, Object> stats(Map<String, List<double[]>> byConfig, int runs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runs", runs);
    for (Map.Entry<String, List<double[]>> e : byConfig.entrySet()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("wallMedianMillis", median(col(e.getValue(), 0)));
      c.put("cpuMedianMillis", median(col(e.getValue(), 1)));
      c.put("wallMillis", col(e.getValue(), 0));
      c.put("cpuMillis", col(e.getValue(), 1));
      m.put(e.getKey(), c);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> gen = (Map<String, Object>) r.get("generatedSources");
    md.append(String.format(Locale.ROOT, "%n**%,d classes** (%d source files, %d annotated); sources"
            + " generated: FFTT processor %s, one-file no-op %s%n%n", r.get("classes"),
        r.get("sourceFiles"), r.get("annotatedClasses"), gen.get("fftt"), gen.get("oneFile")));
    md.append("| compilation | measure | `-proc:none` | no-op processor | no-op + 1 generated source"
        + " | FFTT processor | FFTT over no-op | 2nd round (1 source over no-op) | FFTT over"
        + " `-proc:none` |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String how : new String[] {"inProcess", "javacProcess"}) {
      Map<String, Object> s = (Map<String, Object>) r.get(how);
      String title = how.equals("inProcess")
          ? "in-process javac (warm, as Maven runs it), " + s.get("runs") + " runs each"
          : "a javac process each (JVM start included), " + s.get("runs") + " runs each";
      for (String measure : new String[] {"wall", "cpu"}) {
        double[] v = new double[CONFIGS.length];
        for (int i = 0; i < CONFIGS.length; i++) {
          v[i] = num((Map<String, Object>) s.get(CONFIGS[i]), measure + "MedianMillis");
        }
        if (Double.isNaN(v[0])) {
          continue;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %s | %s | %s |%n",
            measure.equals("wall") ? title : "",
            measure.equals("wall") ? "wall" : how.equals("inProcess") ? "CPU of the compiling thread"
                : "CPU (user + sys) of the process",
            v[0], v[1], v[2], v[3], added(v[3], v[1]), added(v[2], v[1]), added(v[3], v[0])));
      }
    }
    return md.toString();
  }

  private static String added(double with, double without) {
    return String.format(Locale.ROOT, "%+.0f ms (%+.1f%%)", with - without, (with / without - 1) * 100);
  }

  private static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  private static List<Double> col(List<double[]> rows, int i) {
    List<Double> c = new ArrayList<>();
    for (double[] r : rows) {
      c.add(r[i]);
    }
    return c;
  }

  private static List<String> javacOptions(Path classes, Path gen, String cp, List<String> proc) {
    List<String> o = new ArrayList<>(List.of("-d", classes.toString(), "-s", gen.toString(),
        "-cp", cp, "--release", "17", "-nowarn"));
    o.addAll(proc);
    return o;
  }

  /** Returns {wall ms, CPU ms of this thread (javac compiles on the calling thread)}. */
  private static double[] inProcess(JavaCompiler javac, Path work, String cp, List<String> proc,
      List<String> files) throws IOException {
    List<String> options = javacOptions(fresh(work.resolve("classes")), fresh(work.resolve("generated")),
        cp, proc);
    long c0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(null, fm, null, options, null,
          fm.getJavaFileObjectsFromStrings(files)).call();
      if (!ok) {
        throw new IllegalStateException("compilation failed with " + proc);
      }
    }
    return new double[] {(System.nanoTime() - t0) / 1e6, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6};
  }

  /** Returns {wall ms, user+sys CPU ms of the javac process (NaN without /usr/bin/time)}. */
  private static double[] process(Path work, String cp, List<String> proc, List<String> files)
      throws IOException, InterruptedException {
    Path argFile = work.resolve("javac.args");
    List<String> lines = javacOptions(fresh(work.resolve("classes")), fresh(work.resolve("generated")),
        cp, proc);
    lines.addAll(files);
    Files.write(argFile, lines, StandardCharsets.UTF_8);
    String javacBin = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    List<String> cmd = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "FFTT_CPU=%U %S"));
    }
    cmd.addAll(List.of(javacBin, "@" + argFile));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("javac failed with " + proc + ":\n" + output);
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    Matcher m = CPU.matcher(output);
    double cpu = m.find() ? (Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1000 : Double.NaN;
    return new double[] {wall, cpu};
  }

  /**
   * Compiles {@code @WithTimeout} on a method that returns a String with the FFTT processor path:
   * true when javac fails with the processor's message about it.
   */
  static boolean processorRejectsMisuse(Path dir, String cp, String processorPath) throws IOException {
    Path src = dir.resolve("src/misuse/Misuse.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "package misuse;\n\n"
        + "public class Misuse {\n"
        + "  @dev.fftt.annotations.WithTimeout(1)\n"
        + "  public String notAFuture() {\n    return \"\";\n  }\n}\n", StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(messages, fm, null,
          javacOptions(fresh(dir.resolve("classes")), fresh(dir.resolve("generated")), cp,
              List.of("-processorpath", processorPath)),
          null, fm.getJavaFileObjectsFromStrings(List.of(src.toString()))).call();
      return !ok && messages.toString().contains("WithTimeout");
    }
  }

  private static int countFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return (int) walk.filter(Files::isRegularFile).count();
    }
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
    s.removeIf(d -> d.isNaN());
    if (s.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private ProcessorCost() {}
}
