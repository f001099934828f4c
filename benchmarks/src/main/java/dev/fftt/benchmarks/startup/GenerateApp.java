package dev.fftt.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sources of a generated application: {@code classes} classes in packages of 100,
 * every {@code 1/annotatedEvery}-th with one FFTT-annotated method (rotating through timeout +
 * monitor, retry + timeout, and monitor only), the rest plain; a {@code PkgNN} class per package
 * that uses each of its classes; and {@code app.Main}, which runs every package, calls every
 * annotated method once (timing each of those first calls), checks whether the calls were
 * guarded and prints the number of classes, the first-call times and its peak RSS.
 * Also writes the AspectJ aspect equivalent to the agent (an {@code @Around} advice that calls
 * the same runtime guard with the policy resolved once per method) and its {@code aop.xml}.
 *
 * <p>Usage: {@code GenerateApp <dir> <classes> <annotatedEvery>}; writes {@code dir/app-src},
 * {@code dir/aspect-src}, {@code dir/aspect-res/META-INF/aop.xml} and {@code dir/app-sources.txt}.
 */
public final class GenerateApp {

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int classes = Integer.parseInt(args[1]);
    int every = Integer.parseInt(args[2]);
    write(dir, classes, every);
  }

  /** Writes the application; returns the source files. */
  public static List<Path> write(Path dir, int classes, int every) throws IOException {
    Path src = dir.resolve("app-src");
    List<Path> files = new ArrayList<>();
    int packages = (classes + 99) / 100;
    List<String> annotatedCalls = new ArrayList<>();
    for (int p = 0; p < packages; p++) {
      String pkg = String.format("app.p%03d", p);
      StringBuilder pkgRun = new StringBuilder();
      for (int c = p * 100; c < Math.min(classes, (p + 1) * 100); c++) {
        String name = String.format("C%05d", c);
        boolean annotated = every > 0 && c % every == every / 2;
        int kind = (c / every) % 3;
        files.add(writeFile(src, pkg, name, classSource(pkg, name, c, annotated, kind)));
        pkgRun.append("    sum += new ").append(name).append("().work(").append(c).append(");\n");
        if (annotated) {
          annotatedCalls.add(pkg + "." + name);
          // the first call of the method, timed alone: the object is made before, the result
          // joined after (for a woven method it includes linking the call site to its policy)
          pkgRun.append("    ").append(name).append(" o").append(c).append(" = new ").append(name)
              .append("();\n")
              .append("    long t").append(c).append(" = System.nanoTime();\n")
              .append("    java.util.concurrent.CompletableFuture<String> f").append(c).append(" = o")
              .append(c).append(".call(").append(c).append(");\n")
              .append("    app.FirstCalls.add(System.nanoTime() - t").append(c).append(");\n")
              .append("    sum += f").append(c).append(".join().length();\n");
        }
      }
      String pkgName = String.format("Pkg%03d", p);
      files.add(writeFile(src, pkg, pkgName, "package " + pkg + ";\n\n"
          + "public final class " + pkgName + " {\n"
          + "  private " + pkgName + "() {}\n\n"
          + "  public static long run() {\n    long sum = 0;\n" + pkgRun + "    return sum;\n  }\n}\n"));
    }
    files.add(writeFile(src, "app", "FirstCalls", firstCallsSource(annotatedCalls.size())));
    StringBuilder main = new StringBuilder();
    main.append("package app;\n\n")
        .append("import java.nio.file.Files;\nimport java.nio.file.Path;\n\n")
        .append("/** Runs every generated package; prints a check sum, whether calls were guarded, and VmHWM. */\n")
        .append("public final class Main {\n")
        .append("  public static void main(String[] args) throws Exception {\n")
        .append("    long sum = 0;\n");
    for (int p = 0; p < packages; p++) {
      main.append(String.format("    sum += app.p%03d.Pkg%03d.run();%n", p, p));
    }
    String firstMonitored = annotatedCalls.isEmpty() ? null : annotatedCalls.get(0);
    main.append("    boolean guarded = ")
        .append(firstMonitored == null ? "false"
            : "dev.fftt.runtime.Diagnostics.operation(\"app." + firstMonitored.substring(firstMonitored.lastIndexOf('.') + 1)
                + "\").isPresent()")
        .append(";\n")
        .append("    String hwm = \"?\";\n")
        .append("    for (String line : Files.readAllLines(Path.of(\"/proc/self/status\"))) {\n")
        .append("      if (line.startsWith(\"VmHWM:\")) {\n")
        .append("        hwm = line.substring(6).trim();\n")
        .append("      }\n")
        .append("    }\n")
        .append("    System.out.println(\"sum=\" + sum + \" guarded=\" + guarded + \" classes=")
        .append(classes).append(" annotated=").append(annotatedCalls.size())
        .append(" \" + FirstCalls.summary() + \" VmHWM=\" + hwm);\n")
        .append("  }\n}\n");
    files.add(writeFile(src, "app", "Main", main.toString()));

    Path aspectSrc = dir.resolve("aspect-src");
    writeFile(aspectSrc, "bench.aspect", "FfttAspect", ASPECT);
    Path aop = dir.resolve("aspect-res/META-INF/aop.xml");
    Files.createDirectories(aop.getParent());
    Files.writeString(aop, AOP_XML, StandardCharsets.UTF_8);

    List<String> list = new ArrayList<>();
    for (Path f : files) {
      list.add(f.toString());
    }
    Files.write(dir.resolve("app-sources.txt"), list, StandardCharsets.UTF_8);
    return files;
  }

  /**
   * {@code app.FirstCalls}: the time of each annotated method's first call, in call order, and
   * the summary {@code main} prints: {@code firstCalls=N firstCallNs=<the first in the JVM>
   * furtherMeanNs=<mean of the others>}.
   */
  private static String firstCallsSource(int annotated) {
    return String.join("\n",
        "package app;",
        "",
        "/** The time of each annotated method's first call (one thread: main). */",
        "public final class FirstCalls {",
        "  private static final long[] NANOS = new long[" + Math.max(1, annotated) + "];",
        "  private static int count;",
        "",
        "  private FirstCalls() {}",
        "",
        "  public static void add(long nanos) {",
        "    NANOS[count++] = nanos;",
        "  }",
        "",
        "  static String summary() {",
        "    long further = 0;",
        "    for (int i = 1; i < count; i++) {",
        "      further += NANOS[i];",
        "    }",
        "    return \"firstCalls=\" + count + \" firstCallNs=\" + (count > 0 ? NANOS[0] : -1)",
        "        + \" furtherMeanNs=\" + (count > 1 ? further / (count - 1) : -1);",
        "  }",
        "}",
        "");
  }

  private static String classSource(String pkg, String name, int c, boolean annotated, int kind) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(pkg).append(";\n\n");
    if (annotated) {
      s.append("import dev.fftt.annotations.AsyncMonitor;\n")
          .append("import dev.fftt.annotations.Retry;\n")
          .append("import dev.fftt.annotations.WithTimeout;\n")
          .append("import java.time.temporal.ChronoUnit;\n")
          .append("import java.util.concurrent.CompletableFuture;\n\n");
    }
    s.append("/** Generated class number ").append(c).append(". */\n");
    s.append("public class ").append(name).append(" {\n");
    s.append("  private long state = ").append(c).append(";\n");
    s.append("  private final String label = \"").append(name).append("\";\n\n");
    s.append("  public long work(int x) {\n")
        .append("    for (int i = 0; i < 3; i++) {\n")
        .append("      state = state * 31 + x + i;\n")
        .append("    }\n")
        .append("    return state ^ label.length();\n")
        .append("  }\n\n");
    s.append("  public String describe() {\n")
        .append("    return label + \"#\" + state;\n")
        .append("  }\n\n");
    s.append("  @Override\n  public int hashCode() {\n    return Long.hashCode(state) * 17 + ")
        .append(c).append(";\n  }\n\n");
    s.append("  @Override\n  public boolean equals(Object o) {\n    return o instanceof ").append(name)
        .append(" && ((").append(name).append(") o).state == state;\n  }\n");
    if (annotated) {
      s.append("\n");
      switch (kind) {
        case 0:
          s.append("  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)\n")
              .append("  @AsyncMonitor(\"app.").append(name).append("\")\n");
          break;
        case 1:
          s.append("  @Retry(maxRetries = 2, delay = 10)\n")
              .append("  @WithTimeout(value = 5, unit = ChronoUnit.SECONDS)\n")
              .append("  @AsyncMonitor(\"app.").append(name).append("\")\n");
          break;
        default:
          s.append("  @AsyncMonitor(\"app.").append(name).append("\")\n");
      }
      s.append("  public CompletableFuture<String> call(int x) {\n")
          .append("    return CompletableFuture.completedFuture(label + x);\n")
          .append("  }\n");
    }
    s.append("}\n");
    return s.toString();
  }

  private static Path writeFile(Path root, String pkg, String name, String text) throws IOException {
    Path file = root.resolve(pkg.replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The AspectJ equivalent of the agent: same runtime, same policy, resolved once per method. */
  static final String ASPECT = String.join("\n",
      "package bench.aspect;",
      "",
      "import dev.fftt.runtime.internal.weave.AnnotationPolicies;",
      "import dev.fftt.runtime.internal.guard.Guard;",
      "import dev.fftt.runtime.internal.guard.GuardPolicy;",
      "import java.lang.reflect.Method;",
      "import java.util.concurrent.CompletionStage;",
      "import java.util.concurrent.ConcurrentHashMap;",
      "import org.aspectj.lang.ProceedingJoinPoint;",
      "import org.aspectj.lang.annotation.Around;",
      "import org.aspectj.lang.annotation.Aspect;",
      "import org.aspectj.lang.reflect.MethodSignature;",
      "",
      "/** Guards every method carrying an FFTT annotation, as the agent does, through the same runtime. */",
      "@Aspect",
      "public class FfttAspect {",
      "",
      "  private static final ConcurrentHashMap<Method, GuardPolicy> POLICIES = new ConcurrentHashMap<>();",
      "",
      "  @Around(\"execution(java.util.concurrent.CompletionStage+ *(..)) && (\"",
      "      + \"@annotation(dev.fftt.annotations.WithTimeout) || @annotation(dev.fftt.annotations.Retry) || \"",
      "      + \"@annotation(dev.fftt.annotations.AsyncMonitor) || @annotation(dev.fftt.annotations.LoopCompatible))\")",
      "  @SuppressWarnings(\"unchecked\")",
      "  public Object guard(ProceedingJoinPoint pjp) {",
      "    Method method = ((MethodSignature) pjp.getSignature()).getMethod();",
      "    GuardPolicy policy = POLICIES.computeIfAbsent(method, m -> AnnotationPolicies.resolve(m, true));",
      "    return Guard.call(policy, () -> (CompletionStage<Object>) pjp.proceed());",
      "  }",
      "}",
      "");

  static final String AOP_XML = String.join("\n",
      "<aspectj>",
      "  <weaver options=\"-nowarn -Xlint:ignore\">",
      "    <include within=\"app..*\"/>",
      "    <include within=\"bench.aspect..*\"/>",
      "  </weaver>",
      "  <aspects>",
      "    <aspect name=\"bench.aspect.FfttAspect\"/>",
      "  </aspects>",
      "</aspectj>",
      "");

  private GenerateApp() {}
}
