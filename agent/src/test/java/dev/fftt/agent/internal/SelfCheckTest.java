package dev.fftt.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.agent.canary.Canary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's self-check: its verdict on each outcome, what it reports when weaving does not work,
 * and the whole check with the agent's transformer. (Forked JVMs with the agent: AgentSelfIT.)
 */
class SelfCheckTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureTheLog() {
    // No SLF4J provider on this class path: the runtime's log goes to System.Logger (JUL)
    Logger.getLogger("dev.fftt").addHandler(handler);
  }

  @AfterEach
  void releaseTheLog() {
    Logger.getLogger("dev.fftt").removeHandler(handler);
  }

  @Test
  void theCanaryNameIsTheCanarysName() {
    assertThat(SelfCheck.CANARY).isEqualTo(Canary.class.getName());
  }

  @Test
  void withTheAgentsTransformerTheCheckPassesSilentlyAndOnce() {
    SelfCheck check = new SelfCheck(
        new GuardTransformer(null, true, new Woven.RecordingListener()), errStream);

    assertThat(check.runOnce()).isEqualTo(SelfCheck.PASSED);
    assertThat(check.runOnce()).as("once").isNull();
    assertThat(err.size()).isZero();
    assertThat(logged).as("no warning, e.g. about missing processor constants").isEmpty();
  }

  @Test
  void aTransformerThatDoesNotWeaveFailsTheCheckWithOneLineOnStandardErrorAndAHint() {
    ClassFileTransformer notWeaving = new ClassFileTransformer() {};
    SelfCheck check = new SelfCheck(notWeaving, errStream);

    String verdict = check.runOnce();

    assertThat(verdict).isEqualTo("SELF-CHECK FAILED: the agent's transformer did not weave its"
        + " canary class dev.fftt.agent.canary.Canary");
    String[] lines = err.toString(StandardCharsets.UTF_8).split("\\R");
    assertThat(lines).hasSize(1);
    assertThat(lines[0]).isEqualTo("FFTT agent: self-check failed, FFTT annotations may have no"
        + " effect in this JVM: the agent's transformer did not weave its canary class"
        + " dev.fftt.agent.canary.Canary; see the warning logged under dev.fftt for what to check");
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(logged.get(0).getMessage()).startsWith("FFTT agent: self-check failed:")
        .contains("Check: earlier 'cannot weave' or 'cannot guard' warnings")
        .contains("that one FFTT version is in use");
  }

  @Test
  void aWovenMethodThatRunsUnguardedFailsIt() {
    assertThat(SelfCheck.problem(null, null)).isEqualTo(
        "the woven canary method ran unguarded (it returned the null its body returns)");
    assertThat(new SelfCheck(new ClassFileTransformer() {}, errStream)
        .verdict(SelfCheck.problem(null, null))).startsWith("SELF-CHECK FAILED: ");
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("FFTT agent: self-check failed");
  }

  @Test
  void everyOtherOutcomeFailsItToo() {
    assertThat(SelfCheck.problem(null, new NoSuchMethodError("enter")))
        .isEqualTo("the woven canary method threw java.lang.NoSuchMethodError: enter");
    assertThat(SelfCheck.problem("text", null))
        .isEqualTo("the woven canary method returned java.lang.String");
    assertThat(SelfCheck.problem(new CompletableFuture<>(), null))
        .startsWith("the woven canary method returned a future that did not fail");
    Object failed = CompletableFuture.failedFuture(new IllegalStateException("x"));
    assertThat(SelfCheck.problem(failed, null)).isEqualTo(
        "the woven canary method returned a future failed with java.lang.IllegalStateException: x");
    CompletableFuture<Object> cancelled = new CompletableFuture<>();
    cancelled.cancel(false);
    assertThat(SelfCheck.problem(cancelled, null)).startsWith("the woven canary method returned"
        + " a future failed with java.util.concurrent.CancellationException");
    assertThat(SelfCheck.problem(CompletableFuture.failedFuture(new NullPointerException()), null))
        .isNull();
  }
}
