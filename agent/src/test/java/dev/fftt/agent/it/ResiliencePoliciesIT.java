package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.LegacyClass;
import dev.fftt.agent.it.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @CircuitBreaker}, {@code @Bulkhead} and {@code @Fallback} on woven methods in real JVMs
 * (fixtures compiled without the processor, so fallbacks are found by reflection): with
 * {@code -javaagent}, and attached after the app loaded and called the fixtures unwoven; on this
 * JVM and on Java 25. The scenarios themselves are in the app's {@code ResilienceScenarios}.
 */
class ResiliencePoliciesIT {

  /** The scenarios of the app's ResilienceScenarios (kept in step with its NAMES). */
  static final List<String> ALL = List.of(
      "breaker", "breaker-default-name", "breaker-retry", "breaker-type-level",
      "bulkhead", "bulkhead-timeout",
      "fallback-instance", "fallback-self-invocation", "fallback-private", "fallback-static",
      "fallback-overloads", "fallback-super", "fallback-selective", "fallback-retry-timeout",
      "fallback-breaker", "fallback-null", "fallback-indexed");

  /** What the Java 25 attach run checks: breaker, bulkhead and fallback each, and combined. */
  static final List<String> COMBINED = List.of("fallback-breaker", "breaker-retry", "bulkhead",
      "fallback-overloads", "fallback-indexed");

  @ParameterizedTest(name = "attach={0}")
  @ValueSource(booleans = {false, true})
  void everyResilienceScenarioBehavesAsTheContractSays(boolean attach) {
    Jvm.Result run = run(Jvm.current(), attach, ALL);

    Scenarios.assertAllOk(run, ALL);
    String suffix = attach ? ", retransformed)" : ")";
    // every guarded method of each class, the type's annotations reaching both of its futures
    assertThat(run.stderr()).as(run.describe()).contains(
        "FFTT agent: wove dev.fftt.agent.it.app.FallbackService (10 methods" + suffix,
        "FFTT agent: wove dev.fftt.agent.it.app.BreakerService (3 methods" + suffix,
        "FFTT agent: wove dev.fftt.agent.it.app.BulkheadService (2 methods" + suffix,
        "FFTT agent: wove dev.fftt.agent.it.app.TypeLevelResilienceService (2 methods" + suffix);
    // the fallbacks themselves are not annotated: never woven, never reported
    assertThat(run.stderr()).as(run.describe()).doesNotContain("FallbackBase");
    // the class the test index lists (with its fallback lines) is not reported as unchecked
    assertThat(run.stderrCount("FallbackService was compiled without")).as(run.describe()).isOne();
    assertThat(run.stderr()).as(run.describe())
        .doesNotContain("IndexedFallbackService was compiled without");
    // nothing refused but the generated Java 6 class (which an attach run loads first)
    assertThat(run.stderr().lines().filter(l -> l.contains("cannot weave")))
        .as(run.describe()).allMatch(l -> l.contains(LegacyClass.NAME));
  }

  @ParameterizedTest(name = "attach={0}")
  @ValueSource(booleans = {false, true})
  void onJava25(boolean attach) {
    Path home = TestPaths.java25Home();
    assumeTrue(Files.isExecutable(home.resolve("bin/java")),
        "no Java 25 at " + home + " (set -Dfftt.java25.home=...); the run is skipped");
    List<String> scenarios = attach ? COMBINED : ALL;

    Jvm.Result run = run(Jvm.at(home), attach, scenarios);

    Scenarios.assertAllOk(run, scenarios);
    assertThat(run.stderr()).as(run.describe()).doesNotContain("sun.misc.Unsafe");
  }

  /**
   * A retried call whose last attempt a breaker refuses fails with the refusal, the earlier
   * attempts' failures attached as suppressed (a {@code FaultToleranceException} keeps
   * suppression on).
   */
  @Test
  void aRetriedCallRefusedAtItsLastAttemptKeepsTheEarlierFailures() {
    Jvm.Result run = run(Jvm.current(), false, List.of("breaker-retry-suppressed"));

    Scenarios.assertAllOk(run, List.of("breaker-retry-suppressed"));
  }

  private static Jvm.Result run(Jvm base, boolean attach, List<String> scenarios) {
    Jvm jvm = Scenarios.appJvm(base, false);
    List<String> args = new ArrayList<>();
    if (attach) {
      args.add("--attach=log=info");
    } else {
      jvm.agent("log=info");
    }
    args.addAll(scenarios);
    Jvm.Result run = jvm.run(Scenarios.APP, args);
    if (attach) {
      assertThat(run.stdoutLines()).as(run.describe())
          .contains("WARMUP unwoven behaviour seen", "ATTACHED");
    }
    return run;
  }
}
