package dev.fftt.benchmarks.startup;

import dev.fftt.benchmarks.report.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the generated application under each configuration, interleaved (run 1 of every
 * configuration, then run 2 of every configuration, ...), after one unmeasured warm-up run of
 * each (file cache, CDS archive mapping), and reports the median wall time, CPU time, peak RSS
 * and the first-call times the application prints.
 *
 * <p>Wall time: from process start to exit, measured here. Peak RSS: {@code /usr/bin/time}'s
 * maximum resident set size when that program exists, else the {@code VmHWM} the application
 * prints at the end of {@code main}.
 *
 * <p>Usage: {@code StartupBench <runs> <out.json> <classpath> <main> NAME=JVMARGS ...} where
 * JVMARGS are separated by spaces (empty for none); a NAME whose args name a missing file is
 * skipped with a note.
 */
public final class StartupBench {

  private static final Pattern HWM = Pattern.compile("VmHWM=(\\d+) kB");
  private static final Pattern MAXRSS = Pattern.compile("FFTT_MAXRSS_KB=(\\d+)");
  private static final Pattern CPU = Pattern.compile("FFTT_CPU=([0-9.]+) ([0-9.]+)");
  private static final Pattern GUARDED = Pattern.compile("guarded=(true|false)");
  private static final Pattern SIZE = Pattern.compile("classes=(\\d+) annotated=(\\d+)");
  private static final Pattern FIRST_CALLS =
      Pattern.compile("firstCalls=(\\d+) firstCallNs=(-?\\d+) furtherMeanNs=(-?\\d+)");

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    String classpath = args[2];
    String mainClass = args[3];
    Map<String, List<String>> configs = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String name = args[i].substring(0, eq);
      String rest = args[i].substring(eq + 1).trim();
      List<String> jvmArgs = rest.isEmpty() ? List.of() : Arrays.asList(rest.split(" +"));
      String missing = missingFile(jvmArgs);
      if (missing != null) {
        skipped.put(name, "not run: " + missing + " is missing");
        continue;
      }
      configs.put(name, jvmArgs);
    }
    boolean haveTime = Files.isExecutable(Path.of("/usr/bin/time"));
    Map<String, List<Double>> walls = new LinkedHashMap<>();
    Map<String, List<Double>> rss = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    Map<String, List<Double>> firstCall = new LinkedHashMap<>();
    Map<String, List<Double>> furtherCalls = new LinkedHashMap<>();
    Map<String, Boolean> guarded = new LinkedHashMap<>();
    int classes = -1;
    int annotated = -1;
    for (String name : configs.keySet()) {
      walls.put(name, new ArrayList<>());
      rss.put(name, new ArrayList<>());
      cpu.put(name, new ArrayList<>());
      firstCall.put(name, new ArrayList<>());
      furtherCalls.put(name, new ArrayList<>());
      Result warm = run(configs.get(name), classpath, mainClass, haveTime); // warm-up, not counted
      guarded.put(name, warm.guarded);
      classes = warm.classes;
      annotated = warm.annotated;
      if (warm.firstCalls != warm.annotated) {
        throw new IllegalStateException(name + ": " + warm.firstCalls + " first calls timed for "
            + warm.annotated + " annotated methods; regenerate the application (GenerateApp)");
      }
      if ((name.equals("fftt") || name.equals("aspectj")) && !warm.guarded) {
        throw new IllegalStateException(name + ": the application's calls were not guarded; the"
            + " measurement would be meaningless (JVM args: " + configs.get(name) + ")");
      }
      System.err.printf(Locale.ROOT, "warm-up %-8s %.2f s %6.1f MiB guarded=%s%n", name, warm.seconds,
          warm.rssMiB, warm.guarded);
    }
    for (int r = 0; r < runs; r++) {
      for (String name : configs.keySet()) {
        Result res = run(configs.get(name), classpath, mainClass, haveTime);
        walls.get(name).add(res.seconds);
        rss.get(name).add(res.rssMiB);
        cpu.get(name).add(res.cpuSeconds);
        firstCall.get(name).add(res.firstCallMicros);
        furtherCalls.get(name).add(res.furtherMeanMicros);
        System.err.printf(Locale.ROOT, "run %d %-8s %.2f s %6.1f MiB cpu %.2f s%n", r + 1, name, res.seconds,
            res.rssMiB, res.cpuSeconds);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runs", runs);
    json.put("rssSource", haveTime ? "/usr/bin/time max RSS" : "VmHWM at the end of main");
    json.put("classes", classes);
    json.put("annotated", annotated);
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%,d classes, %d of them with an annotated method, each"
        + " called once; %d interleaved runs of each configuration after one warm-up run.%n%n",
        classes, annotated, runs));
    md.append("| configuration | wall time, median (min–max) | Δ wall vs no agent | CPU (user + sys), median | Δ CPU | peak RSS, median | Δ RSS vs no agent | first call of an annotated method: the first in the JVM | the further ones, mean | calls guarded |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    double baseWall = configs.containsKey("none") ? median(walls.get("none")) : Double.NaN;
    double baseRss = configs.containsKey("none") ? median(rss.get("none")) : Double.NaN;
    double baseCpu = configs.containsKey("none") ? median(cpu.get("none")) : Double.NaN;
    for (String name : configs.keySet()) {
      Map<String, Object> c = new LinkedHashMap<>();
      double w = median(walls.get(name));
      double m = median(rss.get(name));
      double u = median(cpu.get(name));
      c.put("jvmArgs", String.join(" ", configs.get(name)));
      c.put("wallMedianSeconds", w);
      c.put("wallSeconds", walls.get(name));
      c.put("rssMedianMiB", m);
      c.put("rssMiB", rss.get(name));
      c.put("cpuMedianSeconds", u);
      c.put("cpuSeconds", cpu.get(name));
      c.put("guarded", guarded.get(name));
      double first = median(firstCall.get(name));
      double further = median(furtherCalls.get(name));
      c.put("firstCallMedianMicros", first);
      c.put("firstCallMicros", firstCall.get(name));
      c.put("furtherCallsMeanMedianMicros", further);
      c.put("furtherCallsMeanMicros", furtherCalls.get(name));
      json.put(name, c);
      md.append(String.format(Locale.ROOT, "| %s | %.2f s (%.2f–%.2f) | %s | %.2f s | %s | %.0f MiB | %s | %s µs | %s µs | %s |%n",
          label(name), w, Collections.min(walls.get(name)), Collections.max(walls.get(name)),
          name.equals("none") ? "–" : String.format(Locale.ROOT, "%+.2f s", w - baseWall), u,
          name.equals("none") ? "–" : String.format(Locale.ROOT, "%+.2f s", u - baseCpu), m,
          name.equals("none") ? "–" : String.format(Locale.ROOT, "%+.0f MiB", m - baseRss),
          micros(first), micros(further), guarded.get(name) ? "yes" : "no"));
    }
    for (Map.Entry<String, String> e : skipped.entrySet()) {
      json.put(e.getKey() + "Skipped", e.getValue());
      md.append("| ").append(label(e.getKey())).append(" | ").append(e.getValue()).append(" | | | | | | | | |\n");
    }
    md.append("\nFirst-call times are medians over the runs, measured in the application with"
        + " `System.nanoTime()` around each annotated method's first call (the object made before,"
        + " the result joined after). The first one in the JVM also pays for loading and starting"
        + " the runtime.\n");
    System.out.print(md);
    Files.writeString(out, Json.write(json) + "\n", StandardCharsets.UTF_8);
    Files.writeString(Path.of(out.toString().replaceAll("\\.json$", "") + ".md"), md, StandardCharsets.UTF_8);
  }

  static String label(String name) {
    switch (name) {
      case "none": return "no agent";
      case "fftt": return "FFTT agent";
      case "noop": return "no-op agent (a ClassFileTransformer that changes nothing: the floor)";
      case "aspectj": return "AspectJ load-time weaving (equivalent @Around aspect)";
      case "otel": return "OpenTelemetry Java agent (exporters off)";
      default: return name;
    }
  }

  private static String missingFile(List<String> jvmArgs) {
    for (String a : jvmArgs) {
      if (a.startsWith("-javaagent:")) {
        String path = a.substring("-javaagent:".length());
        int eq = path.indexOf('=');
        if (eq > 0) {
          path = path.substring(0, eq);
        }
        if (!new File(path).isFile()) {
          return path;
        }
      }
    }
    return null;
  }

  static final class Result {
    double seconds;
    double rssMiB;
    double cpuSeconds;
    boolean guarded;
    int classes;
    int annotated;
    int firstCalls;
    double firstCallMicros;
    double furtherMeanMicros;
  }

  private static String micros(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }

  static Result run(List<String> jvmArgs, String cp, String mainClass, boolean haveTime)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (haveTime) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "FFTT_MAXRSS_KB=%M FFTT_CPU=%U %S"));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", cp, mainClass));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    int exit = p.waitFor();
    long t1 = System.nanoTime();
    String text = new String(output, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException("exit " + exit + " from " + cmd + ":\n" + text);
    }
    Result r = new Result();
    r.seconds = (t1 - t0) / 1e9;
    Matcher m = MAXRSS.matcher(text);
    Matcher h = HWM.matcher(text);
    if (m.find()) {
      r.rssMiB = Long.parseLong(m.group(1)) / 1024.0;
    } else if (h.find()) {
      r.rssMiB = Long.parseLong(h.group(1)) / 1024.0;
    } else {
      throw new IllegalStateException("no RSS in the output of " + cmd + ":\n" + text);
    }
    Matcher c = CPU.matcher(text);
    r.cpuSeconds = c.find() ? Double.parseDouble(c.group(1)) + Double.parseDouble(c.group(2)) : Double.NaN;
    Matcher g = GUARDED.matcher(text);
    r.guarded = g.find() && g.group(1).equals("true");
    Matcher size = SIZE.matcher(text);
    Matcher fc = FIRST_CALLS.matcher(text);
    if (!size.find() || !fc.find()) {
      throw new IllegalStateException("no classes=/firstCalls= in the output of " + cmd
          + " (an application generated by an older GenerateApp? delete it):\n" + text);
    }
    r.classes = Integer.parseInt(size.group(1));
    r.annotated = Integer.parseInt(size.group(2));
    r.firstCalls = Integer.parseInt(fc.group(1));
    long firstNs = Long.parseLong(fc.group(2));
    long furtherNs = Long.parseLong(fc.group(3));
    r.firstCallMicros = firstNs < 0 ? Double.NaN : firstNs / 1e3;
    r.furtherMeanMicros = furtherNs < 0 ? Double.NaN : furtherNs / 1e3;
    return r;
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

  private StartupBench() {}
}
