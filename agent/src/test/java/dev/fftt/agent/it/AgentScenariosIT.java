package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.LegacyClass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract's woven behaviour in real JVMs, each way the agent gets in and each way the
 * runtime can be found: {@code -javaagent} at start, and an attach after the app has loaded and
 * called its classes unwoven; with only fftt-annotations on the class path, and with fftt-runtime
 * there too (also loaded before the attach). Each run also loads the fixtures in an isolated and
 * in a child-first plugin class loader.
 */
class AgentScenariosIT {

  enum Setup {
    /** -javaagent; the class path has the app and fftt-annotations only. */
    PREMAIN_ANNOTATIONS_ONLY(false, false, false, "boot"),
    /** Attach after load; the class path has the app and fftt-annotations only. */
    ATTACH_ANNOTATIONS_ONLY(true, false, false, "boot"),
    /** -javaagent; fftt-runtime is on the class path too (the agent's boot copy wins). */
    PREMAIN_WITH_RUNTIME(false, true, false, "boot"),
    /**
     * Attach after the app loaded fftt-runtime from its class path: that copy stays in use (the
     * isolated plugin loader cannot see it, so it is left out).
     */
    ATTACH_RUNTIME_LOADED_FIRST(true, true, true, "app");

    final boolean attach;
    final boolean withRuntime;
    final boolean touchRuntime;
    final String runtimeLoader;

    Setup(boolean attach, boolean withRuntime, boolean touchRuntime, String runtimeLoader) {
      this.attach = attach;
      this.withRuntime = withRuntime;
      this.touchRuntime = touchRuntime;
      this.runtimeLoader = runtimeLoader;
    }
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void everyScenarioBehavesAsTheContractSays(Setup setup) {
    // Given the test app, started with the agent or attaching it after a first, unwoven round
    List<String> scenarios = new ArrayList<>(Scenarios.ALL);
    List<String> args = new ArrayList<>();
    Jvm jvm = Scenarios.appJvm(Jvm.current(), setup.withRuntime);
    if (setup.attach) {
      args.add("--attach=log=info");
    } else {
      jvm.agent("log=info");
    }
    if (setup.touchRuntime) {
      args.add("--touch-runtime");
      args.add("--no-isolated-plugin");
      scenarios.remove("plugin-isolated");
    }
    args.addAll(scenarios);

    // When it runs every scenario
    Jvm.Result run = jvm.run(Scenarios.APP, args);

    // Then each behaved as the contract says
    Scenarios.assertAllOk(run, scenarios);
    assertThat(run.stdoutLines()).as(run.describe())
        .contains("RUNTIME-LOADER " + setup.runtimeLoader);
    if (setup.attach) {
      assertThat(run.stdoutLines()).as(run.describe())
          .contains("WARMUP unwoven behaviour seen", "ATTACHED");
    }
    // the class that cannot be woven is reported once, with the reason, and ran unwoven (above)
    assertThat(run.stderrCount("cannot weave " + LegacyClass.NAME)).as(run.describe()).isOne();
    assertThat(run.stderr()).as(run.describe()).contains("is older than Java 7");
    // each class compiled without the processor is reported once; one its index lists never
    assertThat(run.stderrCount("dev.fftt.agent.it.app.TimeoutService was compiled without"))
        .as(run.describe()).isOne();
    assertThat(run.stderrCount("CheckedService was compiled without")).as(run.describe())
        .isZero();
    // log=info names each class woven
    assertThat(run.stderr()).as(run.describe())
        .contains("FFTT agent: wove dev.fftt.agent.it.app.TimeoutService (2 methods"
            + (setup.attach ? ", retransformed)" : ")"));
  }

  @ParameterizedTest
  @EnumSource(names = {"PREMAIN_ANNOTATIONS_ONLY", "ATTACH_ANNOTATIONS_ONLY"})
  void monitorOffCountsNothingAndStillWeavesTheRest(Setup setup) {
    Jvm jvm = Scenarios.appJvm(Jvm.current(), false);
    List<String> args = new ArrayList<>();
    if (setup.attach) {
      args.add("--attach=monitor=off");
    } else {
      jvm.agent("monitor=off");
    }
    args.addAll(List.of("monitor-off", "timeout", "retry-abort"));

    Jvm.Result run = jvm.run(Scenarios.APP, args);

    Scenarios.assertAllOk(run, List.of("monitor-off", "timeout", "retry-abort"));
    assertThat(run.stderr()).as(run.describe()).doesNotContain("FFTT agent: wove");
  }
}
