package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Class file shapes the weaver must handle, compiled by javac at test time for each Java release
 * from 8 to 25, each future-returning method given all seven annotations ({@link AllSeven}):
 * interface default, static and private methods, enums with constant bodies, records with a
 * compact constructor, synchronized methods, long/double/varargs and every primitive parameter,
 * try/catch/finally and loops, a string switch, lambdas, and a method of about 60 KB. Each woven
 * class passes {@link WovenClassCheck} (constructors untouched) and is linked by a JVM that runs
 * its version: this one up to 17, a forked Java 25 beyond (18 to 24 are the Java 25 compilation
 * with the class file version set to each, as javac 17 cannot write them).
 */
@Timeout(300)
class WovenShapesTest {

  private static final Path JAVA25 =
      Path.of(System.getProperty("fftt.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

  @ParameterizedTest(name = "Java {0}")
  @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
  void shapesCompiledForJava8To17AreWovenVerifiedAndLinked(int release, @TempDir Path dir)
      throws IOException {
    Path classes = compileWithThisJdk(release, dir);

    Map<String, byte[]> woven = weaveAll(classes, release, classes);

    DefiningLoader loader = new DefiningLoader("shapes " + release,
        getClass().getClassLoader(), Map.of(), woven);
    for (String name : woven.keySet()) {
      assertThat(loader.link(name)).as("linking %s (Java %s)", name, release).isNull();
    }
  }

  @Test
  void shapesCompiledForJava18To25AreWovenVerifiedAndLinkedOnJava25(@TempDir Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(JAVA25.resolve("bin/javac")),
        "no Java 25 at " + JAVA25);
    Path classes = compileWithJava25(dir);
    // What ASM's verifier loads to compare types must load on this JVM: the same at version 61
    Path forAsm = dir.resolve("asm");
    copyWithVersion(classes, forAsm, 17);
    List<String> expected = new ArrayList<>();
    List<String> command = new ArrayList<>(List.of(JAVA25.resolve("bin/java").toString(), "-cp",
        testClassPath(), LinkMain.class.getName()));
    for (int release = 18; release <= 25; release++) {
      Path versioned = dir.resolve("v" + release);
      copyWithVersion(classes, versioned, release);
      Map<String, byte[]> woven = weaveAll(versioned, release, forAsm);
      Path out = dir.resolve("woven" + release);
      for (Map.Entry<String, byte[]> e : woven.entrySet()) {
        Path file = out.resolve(e.getKey().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
        expected.add("woven" + release + " ok " + e.getKey());
      }
      command.add(out.toString());
    }

    List<String> lines = run(command.toArray(new String[0])); // one Java 25 JVM links them all

    assertThat(lines).as("classes of Java 18 to 25 linked on Java 25")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aMethodThatWeavingWouldPushPast64KiBIsReportedOnceAndLeftAlone() {
    // 65,500 bytes of code: javac's and the JVM's limit is 65,535, the prefix adds more
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fx/Huge", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "huge",
        "()Ljava/util/concurrent/CompletableFuture;", null, null);
    AllSeven.addAll(mv, "fx.Huge.huge");
    mv.visitCode();
    for (int i = 0; i < 65_498; i++) {
      mv.visitInsn(Opcodes.NOP);
    }
    mv.visitInsn(Opcodes.ACONST_NULL);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    Woven.RecordingListener listener = new Woven.RecordingListener();

    byte[] woven = Woven.weave("fx.Huge", cw.toByteArray(), true, listener);

    assertThat(woven).isNull();
    assertThat(listener.events).hasSize(1);
    assertThat(listener.events.get(0)).startsWith("failed fx.Huge: ").contains("too large");
  }

  /** Weaves every class with a future-returning method; checks each; name to woven bytes. */
  private static Map<String, byte[]> weaveAll(Path classes, int release, Path loadable)
      throws IOException {
    Map<String, byte[]> woven = new TreeMap<>();
    java.net.URLClassLoader asmLoader = new java.net.URLClassLoader(
        new java.net.URL[] {loadable.toUri().toURL()}, WovenShapesTest.class.getClassLoader());
    Set<String> shapes = new HashSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!p.toString().endsWith(".class")) {
          continue;
        }
        byte[] original = Files.readAllBytes(p);
        assertThat(new ClassReader(original).readUnsignedShort(6)).as("version of %s", p)
            .isEqualTo(44 + release);
        AllSeven.Result annotated = AllSeven.annotate(original);
        Set<String> expected = new HashSet<>();
        for (AllSeven.Method m : annotated.methods()) {
          if (m.wovenExpected()) {
            expected.add(m.key());
          }
        }
        if (expected.isEmpty()) {
          continue;
        }
        String name = new ClassReader(original).getClassName().replace('/', '.');
        Woven.RecordingListener listener = new Woven.RecordingListener();
        byte[] result = Woven.weave(name, annotated.classFile(), true, listener);
        if (name.equals("fx.TooBig")) {
          // Its locals move up 6 slots (lload_3 becomes lload 9, a byte more per use) and the
          // prefix comes first: past 64 KiB, so it is reported once and left as it was
          assertThat(result).isNull();
          assertThat(listener.events).containsExactly("failed fx.TooBig: Method too large:"
              + " fx/TooBig.big (IJ)Ljava/util/concurrent/CompletableFuture;");
          shapes.add("TooBig (reported, left as it was)");
          continue;
        }
        assertThat(listener.events).as("weaving %s (Java %s)", name, release)
            .contains("woven " + name + " " + expected.size())
            .allMatch(e -> e.startsWith("woven ") || e.startsWith("misapplied "));
        assertThat(WovenClassCheck.compare(annotated.classFile(), result, expected))
            .as("%s (Java %s)", name, release).isEmpty();
        assertThat(WovenClassCheck.asmVerifier(result, asmLoader))
            .as("ASM's verifier on %s (Java %s)", name, release).isEmpty();
        woven.put(name, result);
        shapes.add(name.substring(name.lastIndexOf('.') + 1));
      }
    }
    assertThat(shapes).as("shapes woven (Java %s)", release).contains("Shapes", "Api",
        "Kind", "Kind$1", "Big");
    if (release == 17 || release == 25) {
      assertThat(shapes).contains("TooBig (reported, left as it was)");
    }
    if (release >= 9) {
      assertThat(shapes).contains("PrivateApi");
    }
    if (release >= 16) {
      assertThat(shapes).contains("Point");
    }
    return woven;
  }

  // ---- the fixtures' sources and their compilation ----

  private static Path compileWithThisJdk(int release, Path dir) throws IOException {
    List<String> sources = writeSources(dir.resolve("src"), release);
    Path out = dir.resolve("classes");
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", String.valueOf(release),
        "-proc:none", "-nowarn", "-Xlint:none", "-d", out.toString()));
    args.addAll(sources);
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, null, err, args.toArray(new String[0]));
    assertThat(rc).as("javac --release %s: %s", release, err).isZero();
    return out;
  }

  private static Path compileWithJava25(Path dir) throws Exception {
    List<String> sources = writeSources(dir.resolve("src"), 25);
    Path out = dir.resolve("classes");
    List<String> command = new ArrayList<>(List.of(JAVA25.resolve("bin/javac").toString(),
        "--release", "25", "-proc:none", "-nowarn", "-d", out.toString()));
    command.addAll(sources);
    run(command.toArray(new String[0]));
    return out;
  }

  private static void copyWithVersion(Path from, Path to, int release) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.toString().endsWith(".class")) {
          byte[] bytes = Files.readAllBytes(p);
          bytes[6] = (byte) ((44 + release) >> 8);
          bytes[7] = (byte) (44 + release);
          Path target = to.resolve(from.relativize(p).toString());
          Files.createDirectories(target.getParent());
          Files.write(target, bytes);
        }
      }
    }
  }

  private static List<String> run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (java.io.BufferedReader r = new java.io.BufferedReader(
        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command[0], lines).isZero();
    return lines;
  }

  /** The test classes and every jar of the test class path (the runtime among them). */
  private static String testClassPath() {
    return System.getProperty("java.class.path");
  }

  private static final String FUTURE = "java.util.concurrent.CompletableFuture";

  private static List<String> writeSources(Path src, int release) throws IOException {
    List<String> files = new ArrayList<>();
    files.add(write(src, "Shapes", "package fx;\n"
        + "import java.util.concurrent.*;\n"
        + "import java.util.function.*;\n"
        + "public class Shapes {\n"
        + "  final String tag;\n"
        + "  public Shapes(String tag) { this.tag = tag; }\n"
        + "  public Shapes() { this(\"x\"); }\n"
        + "  public synchronized CompletableFuture<String> sync(int i) {\n"
        + "    return CompletableFuture.completedFuture(tag + i);\n  }\n"
        + "  public static CompletionStage<String> wide(long a, double b, int c, long d, double e,"
        + " float f, char g, boolean h, byte k, short s) {\n"
        + "    return CompletableFuture.completedFuture(\"\" + a + b + c + d + e + f + g + h + k + s);\n  }\n"
        + "  public CompletableFuture<String> varargs(long first, double... rest) {\n"
        + "    return CompletableFuture.completedFuture(first + \"/\" + rest.length);\n  }\n"
        + "  public static CompletableFuture<Object> small(long x) { return null; }\n"
        + "  public CompletableFuture<String> loops(long n, double d) {\n"
        + "    long acc = 0; double sum = d;\n"
        + "    try {\n"
        + "      for (long i = 0; i < n; i++) { acc += i; if (acc > 100) break; }\n"
        + "      synchronized (this) { sum += acc; }\n"
        + "      if (n < 0) throw new IllegalStateException(\"n\");\n"
        + "    } catch (IllegalStateException | IllegalArgumentException e) {\n"
        + "      return CompletableFuture.completedFuture(\"caught\");\n"
        + "    } finally {\n"
        + "      acc++;\n"
        + "    }\n"
        + "    return CompletableFuture.completedFuture(acc + \"/\" + sum);\n  }\n"
        + "  public CompletableFuture<String> switches(String s, int i) {\n"
        + "    switch (s) { case \"a\": return CompletableFuture.completedFuture(\"A\");\n"
        + "      case \"b\": i++; break; default: i--; }\n"
        + "    switch (i) { case 1: case 2: return null; case 100: i = 3; break; default: }\n"
        + "    return CompletableFuture.completedFuture(s + i);\n  }\n"
        + "  public CompletableFuture<String> lambdas(long x) {\n"
        + "    Supplier<String> s = () -> tag + x;\n"
        + "    Function<Long, CompletableFuture<String>> f = y -> CompletableFuture.completedFuture(s.get() + y);\n"
        + "    return f.apply(x);\n  }\n"
        + "}\n"));
    files.add(write(src, "Api", "package fx;\n"
        + "import java.util.concurrent.*;\n"
        + "public interface Api {\n"
        + "  CompletableFuture<String> abstractOne(long x);\n"
        + "  default CompletableFuture<String> dflt(long x, double y) {\n"
        + "    return CompletableFuture.completedFuture(\"d\" + x + y);\n  }\n"
        + "  static CompletionStage<String> st(int x) { return CompletableFuture.completedFuture(\"s\" + x); }\n"
        + "}\n"));
    files.add(write(src, "Kind", "package fx;\n"
        + "import java.util.concurrent.*;\n"
        + "public enum Kind {\n"
        + "  A { @Override public CompletableFuture<String> get(double d) {\n"
        + "      return CompletableFuture.completedFuture(\"A\" + d); } },\n"
        + "  B;\n"
        + "  public CompletableFuture<String> get(double d) { return CompletableFuture.completedFuture(name() + d); }\n"
        + "}\n"));
    // About 30 KB of code, and about 60 KB: within the JVM's 64 KiB either way as compiled
    files.add(write(src, "Big", bigMethod("Big", 1_300)));
    if (release == 17 || release == 25) { // its compilation is the slow part: two releases
      files.add(write(src, "TooBig", bigMethod("TooBig", 2_600)));
    }
    if (release >= 9) {
      files.add(write(src, "PrivateApi", "package fx;\n"
          + "import java.util.concurrent.*;\n"
          + "public interface PrivateApi {\n"
          + "  private CompletableFuture<String> priv(long x) { return CompletableFuture.completedFuture(\"p\" + x); }\n"
          + "  default CompletableFuture<String> viaPriv(double d) { return priv((long) d); }\n"
          + "}\n"));
    }
    if (release >= 16) {
      files.add(write(src, "Point", "package fx;\n"
          + "import java.util.concurrent.*;\n"
          + "public record Point(long x, double y) {\n"
          + "  public Point { if (x < 0) throw new IllegalArgumentException(\"x\"); }\n"
          + "  public CompletableFuture<String> show(String... more) {\n"
          + "    return CompletableFuture.completedFuture(x + \",\" + y + more.length);\n  }\n"
          + "}\n"));
    }
    return files;
  }

  /** A class whose one method has {@code statements} if/else statements on a long local. */
  private static String bigMethod(String name, int statements) {
    StringBuilder big = new StringBuilder("package fx;\n"
        + "import java.util.concurrent.*;\n"
        + "public class " + name + " {\n"
        + "  public static CompletableFuture<Long> big(int x, long y) {\n"
        + "    long acc = y;\n");
    for (int i = 0; i < statements; i++) {
      big.append("    if ((acc & ").append(i).append(") == x) acc += ").append(i * 31)
          .append("L; else acc ^= x;\n");
    }
    return big.append("    return CompletableFuture.completedFuture(acc);\n  }\n}\n").toString();
  }

  private static String write(Path src, String name, String text) throws IOException {
    Path file = src.resolve("fx").resolve(name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file.toString();
  }
}
