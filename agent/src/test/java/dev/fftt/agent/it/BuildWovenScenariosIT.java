package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.internal.BuildWeaving;
import dev.fftt.agent.internal.FolderWeaving;
import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's scenarios (the same {@link Scenarios} and {@link ResiliencePoliciesIT} lists, the
 * same app and fixtures) on classes woven at build time, by the code the fftt-maven-plugin runs
 * ({@link FolderWeaving}), run without an agent: fftt-runtime on the class path, settings from
 * system properties. Left out: {@code plugin-isolated}, whose class loader sees only
 * fftt-annotations: code woven at build time needs fftt-runtime where its class loader can see it
 * (with the agent, the runtime is on the boot class path, which every loader sees).
 */
class BuildWovenScenariosIT {

  private static Path woven;
  private static FolderWeaving.Summary summary;

  @BeforeAll
  static void weaveTheTestClassesAtBuildTime() throws IOException {
    woven = TestPaths.workDir().resolve("build-woven-classes");
    copy(TestPaths.testClasses(), woven);
    summary = FolderWeaving.weave(woven, "test", line -> { });
  }

  @Test
  void theFixturesAreWovenAndMarkedAndASecondRunRewritesNothing() throws IOException {
    assertThat(summary.failures()).isEmpty();
    assertThat(summary.woven()).contains("dev.fftt.agent.it.app.TimeoutService",
        "dev.fftt.agent.it.app.FallbackService", "dev.fftt.agent.it.app.ClassLevelService");
    assertThat(BuildWeaving.isMarked(Files.readAllBytes(
        woven.resolve("dev/fftt/agent/it/app/TimeoutService.class")))).isTrue();

    FolderWeaving.Summary again = FolderWeaving.weave(woven, "test", line -> { });

    assertThat(again.woven()).isEmpty();
    assertThat(again.alreadyWoven()).isEqualTo(summary.woven().size());
  }

  @Test
  void everyScenarioBehavesAsWithTheAgent() {
    // the resilience scenarios first: every class they load is loaded before attach-twice
    // attaches an agent (which must leave the marked classes alone: retry's body runs 3 times)
    List<String> scenarios = new ArrayList<>(ResiliencePoliciesIT.ALL);
    scenarios.addAll(Scenarios.ALL);
    scenarios.remove("plugin-isolated");
    List<String> args = new ArrayList<>(List.of("--no-isolated-plugin"));
    args.addAll(scenarios);

    Jvm.Result run = Scenarios.appJvm(Jvm.current(), true, woven).options("-Dfftt.log=info")
        .run(Scenarios.APP, args);

    Scenarios.assertAllOk(run, scenarios);
    // no agent: the runtime is the class path's; attach-twice attached one, which wove nothing
    assertThat(run.stdoutLines()).as(run.describe()).contains("RUNTIME-LOADER app");
    assertThat(run.stderr()).as(run.describe()).contains(
        "FFTT: woven at build time, started without an agent (monitor=on,log=info");
    assertThat(run.stderr()).as(run.describe()).doesNotContain("FFTT agent: wove");
    // the processor's index is read as with the agent: only the unlisted classes are reported
    assertThat(run.stderrCount("dev.fftt.agent.it.app.TimeoutService was compiled without"))
        .as(run.describe()).isOne();
    assertThat(run.stderr()).as(run.describe())
        .doesNotContain("IndexedFallbackService was compiled without");
  }

  @Test
  void monitorOffFromASystemPropertyCountsNothingAndStillGuards() {
    List<String> scenarios = List.of("monitor-off", "timeout", "retry-abort");

    Jvm.Result run = Scenarios.appJvm(Jvm.current(), true, woven).options("-Dfftt.monitor=off")
        .run(Scenarios.APP, scenarios);

    Scenarios.assertAllOk(run, scenarios);
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> old = Files.walk(to)) {
        old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(from)) {
      files.forEach(p -> {
        try {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
