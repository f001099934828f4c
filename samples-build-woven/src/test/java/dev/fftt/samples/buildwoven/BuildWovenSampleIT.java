package dev.fftt.samples.buildwoven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sample, woven at build time by fftt-maven-plugin, run with plain {@code java -cp} and no
 * agent: the guards work, and the agent's settings are taken from system properties on the first
 * woven call ({@code -Dfftt.monitor}, {@code -Dfftt.log}, {@code -Dfftt.config}, override keys,
 * {@code -Dfftt.health}); a bad one stops the JVM with one line, as a bad agent option does.
 */
class BuildWovenSampleIT {

  private static final String MAIN = BuildWovenSample.class.getName();
  private static final String STOCK = Inventory.class.getName() + "/stock/";

  @Test
  void runsWovenWithoutAnAgent() throws Exception {
    Run run = run(List.of());

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.stdout).as(run.toString()).contains(
        "stock: 42 after 3 attempts",
        "slow: -1 (the fallback)",
        "inventory_lookup: calls=1 successes=1 retries=2",
        "inventory_slow: calls=1 timeouts=0 fallbacks=1",
        "inventory_lookup Retry/maxRetries=2 from annotation");
    assertThat(String.join("\n", run.stdout)).contains("\"status\":\"HEALTHY\"");
    // compiled with the processor (its index is in target/classes), woven once, nothing to say
    assertThat(run.stderr).as(run.toString()).isEmpty();
  }

  @Test
  void monitorOffCountsNothingAndTheRestStillGuards() throws Exception {
    Run run = run(List.of("-Dfftt.monitor=off"));

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.stdout).as(run.toString()).contains("stock: 42 after 3 attempts",
        "slow: -1 (the fallback)");
    assertThat(run.stdout).as(run.toString()).noneMatch(l -> l.startsWith("inventory_lookup:"));
  }

  @Test
  void logInfoSaysHowItStarted() throws Exception {
    Run run = run(List.of("-Dfftt.log=info", "-Dfftt.jfr=off"));

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.stderr).as(run.toString()).anyMatch(l -> l.contains(
        "FFTT: woven at build time, started without an agent (monitor=on,log=info,jfr=off,"
            + " from system properties)"));
  }

  @Test
  void overridesFromAFileAndASystemPropertyApplyWithTheirSource() throws Exception {
    Path file = workDir().resolve("overrides.properties");
    Files.writeString(file, STOCK + "Retry/maxRetries=5\nWithTimeout/value=3\n");

    Run fromFile = run(List.of("-Dfftt.config=" + file));
    Run fromProperty = run(List.of("-Dfftt.config=" + file, "-D" + STOCK + "Retry/maxRetries=4"));

    assertThat(fromFile.stdout).as(fromFile.toString())
        .contains("inventory_lookup Retry/maxRetries=5 from file " + file);
    assertThat(fromProperty.stdout).as(fromProperty.toString())
        .contains("inventory_lookup Retry/maxRetries=4 from system property " + STOCK
            + "Retry/maxRetries");
  }

  @Test
  void aBadSettingStopsTheJvmWithOneLine() throws Exception {
    Run run = run(List.of("-Dfftt.monitor=maybe"));

    assertThat(run.exit).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr).as(run.toString()).containsExactly(
        "FFTT: bad value 'maybe' for system property 'fftt.monitor'; valid values: on, off");
    assertThat(run.stdout).as(run.toString()).noneMatch(l -> l.startsWith("stock"));
  }

  @Test
  void aBadHealthValueStopsTheJvmWithOneLine() throws Exception {
    Run run = run(List.of("-Dfftt.health=99999"));

    assertThat(run.exit).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr).as(run.toString()).containsExactly("FFTT: bad value '99999' for"
        + " system property 'fftt.health'; valid values: off, <port>, <host>:<port> (a port"
        + " from 1 to 65535; an IPv6 address in brackets, e.g. [::1]:9404)");
  }

  @Test
  void anOverrideThatBreaksABuildRuleMergedWithTheCodeStopsTheJvm() throws Exception {
    // the code says delay = 10 ms; a maxDelay of 5 ms is below it
    Run run = run(List.of("-D" + STOCK + "Retry/maxDelay=5"));

    assertThat(run.exit).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr).as(run.toString()).hasSize(1);
    assertThat(run.stderr.get(0)).as(run.toString())
        .startsWith("FFTT config: " + STOCK + "Retry/maxDelay=5 (system property " + STOCK
            + "Retry/maxDelay): merged with the code of " + Inventory.class.getName() + ".stock: ");
  }

  @Test
  void theHealthPageIsServedFromASystemProperty() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    Run run = run(List.of("-Dfftt.health=" + port));

    assertThat(run.exit).as(run.toString()).isZero();
    assertThat(run.stdout).as(run.toString())
        .anyMatch(l -> l.startsWith("page: 200 {\"status\":\"HEALTHY\"")
            && l.contains("\"name\":\"inventory_lookup\",\"calls\":1"));
  }

  @Test
  void withoutTheRuntimeTheFirstWovenCallThrowsNoClassDefFoundError() throws Exception {
    Run run = run(List.of(), false);

    assertThat(run.exit).as(run.toString()).isNotZero();
    assertThat(run.stderr).as(run.toString()).contains(
        "Exception in thread \"main\" java.lang.NoClassDefFoundError:"
            + " dev/fftt/runtime/internal/weave/WovenBootstrap");
    assertThat(run.stderr).as(run.toString())
        .anyMatch(l -> l.contains("at " + Inventory.class.getName() + ".stock("));
  }

  @Test
  void anExporterOnTheClassPathGetsTheCallsAndItsSettingTurnsItOff() throws Exception {
    Run on = runWithTestClassPath(List.of());
    Run off = runWithTestClassPath(List.of("-Dfftt.micrometer=off"));

    assertThat(on.stdout).as(on.toString()).containsExactly("fftt.calls 1", "fftt.retries 2");
    assertThat(off.stdout).as(off.toString()).containsExactly("fftt.calls absent",
        "fftt.retries absent");
  }

  // ---- forked JVMs ----

  /** {@link ExporterCheck} on this test's own class path (with fftt-micrometer and Micrometer). */
  private static Run runWithTestClassPath(List<String> options) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(classPath);
    command.add(ExporterCheck.class.getName());
    return fork(command);
  }

  private record Run(int exit, List<String> stdout, List<String> stderr) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + String.join("\n", stdout) + "\nstderr:\n"
          + String.join("\n", stderr);
    }
  }

  private static Run run(List<String> options) throws Exception {
    return run(options, true);
  }

  private static Run run(List<String> options, boolean withRuntime) throws Exception {
    Path lib = Path.of(System.getProperty("fftt.sample.lib"));
    List<String> classPath = new ArrayList<>(List.of(System.getProperty("fftt.sample.classes")));
    try (var jars = Files.list(lib)) {
      jars.filter(j -> withRuntime || !j.getFileName().toString().startsWith("fftt-runtime"))
          .forEach(j -> classPath.add(j.toString()));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(MAIN);
    return fork(command);
  }

  private static Run fork(List<String> command) throws Exception {
    Path out = Files.createTempFile(workDir(), "out", ".txt");
    Path err = Files.createTempFile(workDir(), "err", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the sample did not end within 60 s: " + command);
    }
    return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readAllLines(err, StandardCharsets.UTF_8));
  }

  private static Path workDir() throws IOException {
    return Files.createDirectories(Path.of(System.getProperty("fftt.work.dir")));
  }
}
