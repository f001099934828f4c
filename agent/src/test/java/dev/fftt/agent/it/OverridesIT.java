package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configuration overrides in forked JVMs with the agent: each source, precedence, switching
 * annotations off, the effective policy with its sources, on attach, and every kind of bad input
 * with its one line and exit status.
 */
class OverridesIT {

  private static final String APP = "dev.fftt.agent.it.app.OverridesApp";
  private static final String SERVICE = "dev.fftt.agent.it.app.ConfiguredService";
  /** FFTT_ + the method key for ConfiguredService.failing's Retry/maxRetries, mangled. */
  private static final String ENV_METHOD_RETRIES =
      "FFTT_DEV_FFTT_AGENT_IT_APP_CONFIGUREDSERVICE_FAILING_RETRY_MAXRETRIES";

  private static Jvm jvm() {
    return Scenarios.appJvm(Jvm.current(), false);
  }

  private static Path file(String text) throws IOException {
    Path f = Files.createTempFile(TestPaths.workDir(), "overrides-", ".properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void aSystemPropertyMethodKeyChangesTheRetries() {
    Jvm.Result run = jvm().options("-D" + SERVICE + "/failing/Retry/maxRetries=4").agent("")
        .run(APP, List.of());

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).contains("CALLS 5",
        "EFFECTIVE it_config_failing Retry/maxRetries=4 <- system property " + SERVICE
            + "/failing/Retry/maxRetries",
        "EFFECTIVE it_config_failing Retry/delay=0 <- annotation");
  }

  @Test
  void anEnvironmentVariableIsTheKeyMangled() {
    Jvm.Result run = jvm().env(ENV_METHOD_RETRIES, "2").agent("").run(APP, List.of());

    assertThat(run.stdoutLines()).as(run.describe()).contains("CALLS 3",
        "EFFECTIVE it_config_failing Retry/maxRetries=2 <- environment " + ENV_METHOD_RETRIES);
  }

  @Test
  void aFileNamedByTheAgentOptionGivesGlobalAndClassKeys() throws IOException {
    // a class key reaches the class-level @WithTimeout, a global key the method-level @Retry
    Path f = file("Retry/maxRetries=3\n" + SERVICE + "/WithTimeout/value=100\n"
        + SERVICE + "/WithTimeout/unit=MILLIS\n");
    Jvm.Result run = jvm().agent("config=" + f).run(APP, List.of());

    assertThat(run.stdoutLines()).as(run.describe()).contains("CALLS 4",
        "EFFECTIVE it_config_failing Retry/maxRetries=3 <- file " + f,
        "EFFECTIVE it_config_slow WithTimeout/value=100 <- file " + f);
    assertThat(run.stdoutLines()).anyMatch(l -> l.startsWith("SLOW AsyncTimeoutException "));
  }

  @Test
  void theFileCanBeNamedByASystemPropertyToo() throws IOException {
    Path f = file("Retry/maxRetries=2\n");
    Jvm.Result run = jvm().options("-Dfftt.config=" + f).agent("").run(APP, List.of());

    assertThat(run.stdoutLines()).as(run.describe()).contains("CALLS 3");
  }

  @Test
  void specificityFirstThenSource() throws IOException {
    // global: system property 9; class: environment 2; method: file 4 → the method key wins
    Path f = file(SERVICE + "/failing/Retry/maxRetries=4\n");
    Jvm.Result run = jvm().options("-DRetry/maxRetries=9")
        .env("FFTT_DEV_FFTT_AGENT_IT_APP_CONFIGUREDSERVICE_RETRY_MAXRETRIES", "2")
        .agent("config=" + f).run(APP, List.of());
    assertThat(run.stdoutLines()).as(run.describe()).contains("CALLS 5");

    // one key from all three sources: system property > environment > file
    Path g = file(SERVICE + "/failing/Retry/maxRetries=4\n");
    Jvm.Result all = jvm().options("-D" + SERVICE + "/failing/Retry/maxRetries=6")
        .env(ENV_METHOD_RETRIES, "7").agent("config=" + g).run(APP, List.of());
    assertThat(all.stdoutLines()).as(all.describe()).contains("CALLS 7");
    Jvm.Result envOverFile = jvm().env(ENV_METHOD_RETRIES, "2").agent("config=" + g)
        .run(APP, List.of());
    assertThat(envOverFile.stdoutLines()).as(envOverFile.describe()).contains("CALLS 3");
  }

  @Test
  void enabledFalseSwitchesEachAnnotationOff() {
    Jvm.Result run = jvm().options("-DRetry/enabled=false", "-DAsyncMonitor/enabled=false",
        "-D" + SERVICE + "/WithTimeout/enabled=false").agent("").run(APP, List.of());

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe())
        .contains("CALLS 1", "MONITORED false")
        .anyMatch(l -> l.startsWith("SLOW pending "))
        .contains("EFFECTIVE it_config_failing none");
  }

  @Test
  void logInfoListsTheOverridesAndWhereTheyCameFrom() {
    Jvm.Result run = jvm().options("-D" + SERVICE + "/failing/Retry/maxRetries=2")
        .agent("log=info").run(APP, List.of());

    assertThat(run.stderr()).as(run.describe())
        .contains("configuration overrides read: " + SERVICE + "/failing/Retry/maxRetries=2"
            + " (system property " + SERVICE + "/failing/Retry/maxRetries)")
        .contains("FFTT agent: ConfiguredService.failing: override(s) applied: " + SERVICE
            + "/failing/Retry/maxRetries=2 (system property " + SERVICE
            + "/failing/Retry/maxRetries)");
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "-DRetry/maxRetriez=5 => FFTT config: system property Retry/maxRetriez: key 'Retry/maxRetriez': @Retry has no attribute 'maxRetriez'; it has abortOn, delay, delayUnit, durationUnit, enabled, jitter, maxDelay, maxDuration, maxRetries, multiplier, retryOn",
      "-Dcom..acme/Retry/maxRetries=5 => FFTT config: system property com..acme/Retry/maxRetries: key 'com..acme/Retry/maxRetries': 'com..acme' is not a fully qualified class name (e.g. com.acme.Client, a nested class as com.acme.Outer$Inner)",
      "-DFallback/fallbackMethod=other => FFTT config: system property Fallback/fallbackMethod: key 'Fallback/fallbackMethod': Fallback/fallbackMethod cannot be overridden (the build checks it against the code); change it in the code",
      "-DRetry/maxRetries=many => FFTT config: system property Retry/maxRetries: Retry/maxRetries=many is not a whole number",
      "-DRetry/multiplier=0.5 => FFTT config: Retry/multiplier=0.5 (system property Retry/multiplier): Retry/multiplier=0.5 must be 1.0 or more",
      "-DWithTimeout/unit=WEEKS => FFTT config: WithTimeout/unit=WEEKS (system property WithTimeout/unit): WithTimeout/unit=WEEKS must be at most DAYS",
      "-Ddev.fftt.agent.it.app.ConfiguredService/paced/Retry/maxDelay=50 => FFTT config: dev.fftt.agent.it.app.ConfiguredService/paced/Retry/maxDelay=50 (system property dev.fftt.agent.it.app.ConfiguredService/paced/Retry/maxDelay): merged with the code of dev.fftt.agent.it.app.ConfiguredService.paced: Retry/maxDelay=50 must be 0 (no cap) or at least Retry/delay=100",
  })
  void badInputStopsStartupWithOneLine(String option, String expectedLine) {
    Jvm.Result run = jvm().options(option).agent("").run(APP, List.of());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).containsExactly(expectedLine);
    assertThat(run.stdout()).as("the application must not have run\n" + run.describe()).isEmpty();
  }

  @Test
  void aBadEnvironmentValueAndAnUnreadableFileStopStartupToo() {
    Jvm.Result env = jvm().env("FFTT_RETRY_MAXRETRIES", "lots").agent("").run(APP, List.of());
    assertThat(env.exitCode()).as(env.describe()).isEqualTo(2);
    assertThat(env.stderrLinesWithoutJvmWarnings()).as(env.describe()).containsExactly(
        "FFTT config: environment FFTT_RETRY_MAXRETRIES: Retry/maxRetries=lots is not a whole number");

    Path missing = TestPaths.workDir().resolve("no-such-overrides.properties");
    Jvm.Result file = jvm().agent("config=" + missing).run(APP, List.of());
    assertThat(file.exitCode()).as(file.describe()).isEqualTo(2);
    assertThat(file.stderrLinesWithoutJvmWarnings()).as(file.describe()).singleElement()
        .asString().startsWith("FFTT config: cannot read config file " + missing + ": ")
        .endsWith("; point config= (or -Dfftt.config=) at a readable properties file");
  }

  @Test
  void aKeyThatMatchesNothingIsAWarning() {
    Jvm.Result run = jvm().options("-Dcom.acme.Nowhere/fetch/Retry/maxRetries=2",
        "-D" + SERVICE + "/nosuch/Retry/maxRetries=2").agent("").run(APP, List.of());

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr()).as(run.describe())
        .contains("config key com.acme.Nowhere/fetch/Retry/maxRetries names class com.acme.Nowhere,"
            + " which no fftt-processor index on the class path lists")
        .contains("config key " + SERVICE + "/nosuch/Retry/maxRetries matches no method of "
            + SERVICE + " with @Retry: it has no effect");
    assertThat(run.stdoutLines()).contains("CALLS 2");
  }

  @Test
  void overridesAreReadOnAttachAndABadOneFailsOnlyTheAttach() throws IOException {
    Path f = file(SERVICE + "/failing/Retry/maxRetries=3\n");
    Path bad = file("Retry/jitter=2\n");
    Jvm.Result run = jvm().run(APP, List.of("--attach=config=" + bad, "--attach=config=" + f));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe())
        .anyMatch(l -> l.startsWith("ATTACH-FAILED"))
        .contains("ATTACHED", "CALLS 4", "DONE");
    assertThat(run.stderr().lines()).as(run.describe()).contains(
        "FFTT config: Retry/jitter=2.0 (file " + bad + "): Retry/jitter=2.0 must be within 0..1");
  }

  @Test
  void aClassCheckedOnlyWhenWovenKeepsItsCodeValuesWhenTheMergeBreaksARule() {
    // RetryService is in no processor index: not checked at start, but when it is woven
    Jvm.Result run = jvm().options("-Ddev.fftt.agent.it.app.RetryService/flaky/Retry/maxDelay=1")
        .agent("").run(Scenarios.APP, List.of("retry"));

    Scenarios.assertAllOk(run, List.of("retry"));
    assertThat(run.stderr()).as(run.describe()).contains("FFTT config: the overrides for"
        + " dev.fftt.agent.it.app.RetryService.flaky are ignored, the code's values apply:"
        + " Retry/maxDelay=1 must be 0 (no cap) or at least Retry/delay=10");
  }
}
