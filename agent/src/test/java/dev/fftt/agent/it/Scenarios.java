package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.LegacyClass;
import dev.fftt.agent.it.testing.TestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the test app's scenarios in a forked JVM and checks what it printed. */
final class Scenarios {

  static final String APP = "dev.fftt.agent.it.app.ScenarioApp";

  /** Every scenario of the contract's woven behaviour (monitor-off needs its own JVM). */
  static final List<String> ALL = List.of(
      "timeout", "timeout-passthrough",
      "retry", "retry-exhausted", "retry-abort", "retry-cancel",
      "monitor",
      "runon", "runon-unknown", "hop-loop", "hop-swing",
      "private", "static", "final", "self-invocation", "override-super", "interface-default",
      "class-level", "sync-throw", "checked",
      "plugin-isolated", "plugin-child", "unweavable", "attach-twice", "runtime-loader");

  private Scenarios() {}

  /** A JVM set up for the test app: headless, may attach to itself, knows the jars. */
  static Jvm appJvm(Jvm jvm, boolean withRuntime) {
    return appJvm(jvm, withRuntime, TestPaths.testClasses());
  }

  /** As {@link #appJvm(Jvm, boolean)}, with the app and its fixtures from {@code classes}. */
  static Jvm appJvm(Jvm jvm, boolean withRuntime, Path classes) {
    List<Path> classPath = new ArrayList<>(List.of(classes,
        TestPaths.annotationsJar(), LegacyClass.classPathEntry()));
    if (withRuntime) {
      classPath.add(TestPaths.runtimeJar());
    }
    return jvm.options(
            "-Djava.awt.headless=true",
            "-Djdk.attach.allowAttachSelf=true",
            "-Dfftt.agent.jar=" + TestPaths.agentJar(),
            "-Dfftt.annotations.jar=" + TestPaths.annotationsJar(),
            "-Dfftt.plugin.classes=" + classes)
        .classPath(classPath.toArray(new Path[0]));
  }

  /** Asserts the run ended normally and every scenario in {@code expected} printed OK. */
  static void assertAllOk(Jvm.Result run, List<String> expected) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    List<String> lines = run.stdoutLines();
    assertThat(lines).as(run.describe()).contains("DONE");
    assertThat(lines).as(run.describe()).noneMatch(l -> l.startsWith("FAIL"));
    for (String scenario : expected) {
      assertThat(lines).as("scenario %s\n%s", scenario, run.describe()).contains("OK " + scenario);
    }
  }
}
