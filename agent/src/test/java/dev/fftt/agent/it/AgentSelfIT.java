package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.LegacyClass;
import dev.fftt.agent.it.testing.TestPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent about itself, in forked JVMs: its start line at {@code log=info}, its self-check on
 * the canary (no timer, no cost until something is woven), where it puts the runtime (one file,
 * reused, never a corrupt one), and its warnings when SLF4J has no provider.
 */
class AgentSelfIT {

  private static final String APP = "dev.fftt.agent.it.app.SelfCheckApp";
  private static final String CANARY = "dev.fftt.agent.canary.Canary";
  private static final String USER = System.getProperty("user.name");

  @Test
  void atStartLogInfoSaysVersionOptionsBootJarAndVerdictInOneLine() throws IOException {
    Path tmp = freshTmpDir("start-line");

    Jvm.Result run = appJvm(tmp).agent("log=info").run(APP, List.of());

    assertThat(run.exitCode()).as(run.describe()).isZero();
    List<String> agentLines = agentLines(run);
    assertThat(agentLines).as(run.describe()).hasSize(1);
    Matcher line = Pattern.compile("FFTT agent: version " + Pattern.quote(agentVersion())
        + " installed at start \\(monitor=on,log=info\\); runtime and annotations on the boot"
        + " class path from (\\S+); self-check passed \\(a woven method was guarded\\); \\d+ ms")
        .matcher(agentLines.get(0));
    assertThat(line.matches()).as(run.describe()).isTrue();
    Path bootJar = Path.of(line.group(1));
    assertThat(bootJar.getParent()).isEqualTo(tmp.resolve("fftt-" + USER));
    assertThat(Files.readAllBytes(bootJar)).isEqualTo(nestedBootJar());
    // the canary's call is guarded without a timer, and nothing else starts a thread
    assertThat(run.stdoutLines()).as(run.describe()).contains("FFTT-THREADS []");
  }

  @Test
  void onAttachLogInfoSaysTheSame() {
    Jvm.Result run = appJvm(freshTmpDir("attach-line"))
        .options("-Djdk.attach.allowAttachSelf=true",
            "-Dfftt.agent.jar=" + TestPaths.agentJar())
        .run(APP, List.of("--attach=log=info", "woven"));

    assertThat(run.stdoutLines()).as(run.describe())
        .containsExactly("ATTACHED", "WOVEN quick", "FFTT-THREADS []");
    assertThat(agentLines(run)).as(run.describe())
        .containsOnlyOnce("FFTT agent: wove dev.fftt.agent.it.app.CheckedService (2 methods)")
        .filteredOn(l -> !l.startsWith("FFTT agent: wove ")).hasSize(1).allMatch(l -> l.matches(
        "FFTT agent: version \\S+ attached \\(monitor=on,log=info\\); runtime and annotations on"
            + " the boot class path from \\S+; self-check passed \\(a woven method was guarded\\);"
            + " \\d+ loaded class\\(es\\) to weave; \\d+ ms"));
  }

  @Test
  void byDefaultTheCheckWaitsForTheFirstWovenClassAndSaysNothingWhenItPasses() {
    Path tmp = freshTmpDir("lazy");

    Jvm.Result plain = appJvm(tmp).agent("").options("-verbose:class").run(APP, List.of());
    Jvm.Result woven = appJvm(tmp).agent("").options("-verbose:class").run(APP, List.of("woven"));

    assertThat(plain.stdout()).as("nothing woven, no check\n" + plain.describe())
        .doesNotContain(CANARY + " ");
    assertThat(woven.stdout()).as("checked at the first woven class\n" + woven.describe())
        .contains(CANARY + " ");
    for (Jvm.Result run : List.of(plain, woven)) {
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).isEmpty();
      assertThat(run.stdoutLines()).as(run.describe()).contains("FFTT-THREADS []");
    }
    assertThat(woven.stdoutLines()).as(woven.describe()).contains("WOVEN quick");
  }

  @Test
  void twoStartsLeaveOneBootJarAndACorruptOrPartialOneIsWrittenAgain() throws IOException {
    Path tmp = freshTmpDir("reuse");
    Path dir = tmp.resolve("fftt-" + USER);

    run(tmp);
    List<Path> afterFirst = list(dir);
    run(tmp);

    assertThat(list(tmp)).containsExactly(dir);
    assertThat(list(dir)).hasSize(1).isEqualTo(afterFirst);
    Path bootJar = afterFirst.get(0);
    byte[] good = nestedBootJar();
    byte[] corrupt = good.clone();
    for (int i = corrupt.length / 3; i < corrupt.length / 3 + 64; i++) {
      corrupt[i] ^= 0x5a; // same size, garbage in the middle
    }
    byte[] partial = java.util.Arrays.copyOf(good, good.length / 2);
    for (byte[] bad : List.of(corrupt, partial)) {
      Files.write(bootJar, bad);

      Jvm.Result run = run(tmp);

      assertThat(agentLines(run).get(0)).as(run.describe())
          .contains("from " + bootJar + ";", "self-check passed");
      assertThat(list(dir)).containsExactly(bootJar);
      assertThat(Files.readAllBytes(bootJar)).isEqualTo(good);
    }
  }

  @Test
  void withSlf4jButNoProviderTheAgentsWarningsGoToStandardError() {
    Jvm.Result run = Jvm.current().agent("log=info")
        .options("-Djava.io.tmpdir=" + freshTmpDir("slf4j-nop"))
        .classPath(TestPaths.testClasses(), TestPaths.annotationsJar(),
            LegacyClass.classPathEntry(), Path.of(System.getProperty("fftt.slf4j.api.jar")))
        .run(APP, List.of("legacy"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("LOADED " + LegacyClass.NAME);
    assertThat(run.stderr()).as("SLF4J is there, without provider\n" + run.describe())
        .contains("No SLF4J providers were found");
    assertThat(run.stderrCount("FFTT agent: cannot weave " + LegacyClass.NAME))
        .as(run.describe()).isOne();
    assertThat(agentLines(run)).as(run.describe())
        .anyMatch(l -> l.startsWith("FFTT agent: version "));
  }

  private static Jvm.Result run(Path tmp) {
    Jvm.Result run = appJvm(tmp).agent("log=info").run(APP, List.of());
    assertThat(run.exitCode()).as(run.describe()).isZero();
    return run;
  }

  /** A JVM for the app, with {@code tmp} as its temporary folder. */
  private static Jvm appJvm(Path tmp) {
    return Jvm.current().options("-Djava.io.tmpdir=" + tmp)
        .classPath(TestPaths.testClasses(), TestPaths.annotationsJar());
  }

  /** The agent's own log lines (java.util.logging puts a line with the time before each). */
  private static List<String> agentLines(Jvm.Result run) {
    return run.stderr().lines().map(l -> l.replaceFirst("^INFO: |^WARNING: ", ""))
        .filter(l -> l.startsWith("FFTT agent: ")).collect(Collectors.toList());
  }

  private static Path freshTmpDir(String name) {
    try {
      Path dir = TestPaths.workDir().resolve("tmp-" + name);
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(java.util.Comparator.reverseOrder()).collect(
              Collectors.toList())) {
            Files.delete(p);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().collect(Collectors.toList());
    }
  }

  private static String agentVersion() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      return jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
    }
  }

  private static byte[] nestedBootJar() throws IOException {
    try (JarFile jar = new JarFile(TestPaths.agentJar().toFile())) {
      String entry = jar.getManifest().getMainAttributes().getValue("FFTT-Boot-Jar");
      try (InputStream in = jar.getInputStream(jar.getJarEntry(entry))) {
        return in.readAllBytes();
      }
    }
  }
}
