package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.it.testing.Jvm;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options: one clear line, and a JVM that does not start (or an attach that fails). */
class AgentOptionsIT {

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "bogus=1 => FFTT agent: unknown option 'bogus'; valid options: monitor=on|off, log=warn|info|debug, config=<path>, health=off|<port>|<host>:<port>, blocking=off|warn|fail, micrometer|jfr|otel=auto|off",
      "monitor=maybe => FFTT agent: bad value 'maybe' for option 'monitor'; valid values: on, off",
      "log=loud => FFTT agent: bad value 'loud' for option 'log'; valid values: warn, info, debug",
      "jfr=maybe => FFTT agent: bad value 'maybe' for option 'jfr'; valid values: auto, off",
      "blocking=strict => FFTT agent: bad value 'strict' for option 'blocking'; valid values: off, warn, fail",
      "monitor => FFTT agent: option 'monitor' has no value; valid options: monitor=on|off, log=warn|info|debug, config=<path>, health=off|<port>|<host>:<port>, blocking=off|warn|fail, micrometer|jfr|otel=auto|off",
      "log=info,colour=red => FFTT agent: unknown option 'colour'; valid options: monitor=on|off, log=warn|info|debug, config=<path>, health=off|<port>|<host>:<port>, blocking=off|warn|fail, micrometer|jfr|otel=auto|off",
  })
  void aBadOptionStopsStartupWithOneLine(String options, String expectedLine) {
    Jvm.Result run = Scenarios.appJvm(Jvm.current(), false).agent(options)
        .run(Scenarios.APP, List.of("timeout"));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).containsExactly(expectedLine);
    assertThat(run.stdout()).as("the application must not have run\n" + run.describe()).isEmpty();
  }

  @Test
  void aBadOptionFailsTheAttachAndLeavesTheApplicationRunning() {
    // The app attaches with a bad option, then with a good one, then checks it is woven.
    Jvm.Result run = Scenarios.appJvm(Jvm.current(), false)
        .run(Scenarios.APP, List.of("--attach=monitor=maybe", "--attach=", "retry"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe())
        .anyMatch(l -> l.startsWith("ATTACH-FAILED"))
        .contains("ATTACHED", "OK retry", "DONE");
    // our line (the JVM then reports the failed attach in its own words)
    assertThat(run.stderr().lines()).as(run.describe())
        .contains("FFTT agent: bad value 'maybe' for option 'monitor'; valid values: on, off");
  }

  @Test
  void goodOptionsAreAccepted() {
    Jvm.Result run = Scenarios.appJvm(Jvm.current(), false)
        .agent(" monitor = on , log=debug ,")
        .run(Scenarios.APP, List.of("retry"));

    Scenarios.assertAllOk(run, List.of("retry"));
    assertThat(run.stderr()).as(run.describe())
        .contains(" installed at start (monitor=on,log=debug); ")
        .contains("FFTT agent: RetryService.flaky guarded by");
  }
}
