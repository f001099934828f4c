package dev.fftt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fftt.agent.it.testing.Jvm;
import dev.fftt.agent.it.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code blocking=warn|fail} in forked JVMs, with {@code -javaagent} and attached after the app's
 * classes loaded, on Java 17 (this JVM) and Java 25: every blocking call of the contract caught on
 * a started loop, a registered executor and the EDT (headless); none on a plain thread; an allowed
 * frame passes; a {@code blocking.extra} method is caught (once, though it parks inside); the
 * EDT's nested pumping passes; {@code warn} logs once per site; {@code fail}
 * throws before blocking (calls that would never return) and the loop goes on.
 */
class BlockingCallsIT {

  private static final String APP = "dev.fftt.agent.it.app.BlockingApp";
  private static final String ALLOW =
      "-Dfftt.blocking.allow=dev.fftt.agent.it.app.BlockingScenarios$Allowed#sleepy";
  /** A blocking method of the app's own "library", caught like the JDK's (counted once). */
  private static final String EXTRA =
      "-Dfftt.blocking.extra=dev.fftt.agent.it.app.BlockingScenarios$Library#block";
  private static final List<String> CASES = List.of("park", "sleep", "sleep-timeunit", "join",
      "wait", "future-get", "future-join", "latch", "semaphore", "queue-take", "queue-put", "lock",
      "file-read", "file-write", "socket-read", "channel-read", "extra");
  private static final List<String> LOOPS = List.of("started", "registered", "swing");

  @ParameterizedTest(name = "java {0}, {1}, {2}")
  @CsvSource({
      "17, start, warn", "17, attach, warn", "17, start, fail", "17, attach, fail",
      "25, start, warn", "25, attach, warn", "25, start, fail", "25, attach, fail",
  })
  void everyBlockingCallIsCaughtOnEveryKindOfLoopAndNowhereElse(int java, String how,
      String mode) {
    Jvm jvm = Scenarios.appJvm(java == 17 ? Jvm.current() : Jvm.at(java25()), false)
        .options(ALLOW, EXTRA);
    List<String> args = new ArrayList<>();
    if (how.equals("attach")) {
      args.add("--attach=blocking=" + mode);
    } else {
      jvm.agent("blocking=" + mode);
    }
    args.add(mode);

    Jvm.Result run = jvm.run(APP, args);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    List<String> lines = run.stdoutLines();
    assertThat(lines).as(run.describe()).noneMatch(l -> l.startsWith("FAIL"));
    List<String> expected = new ArrayList<>();
    for (String loop : LOOPS) {
      for (String c : CASES) {
        expected.add("OK " + loop + " " + c);
      }
      expected.add("OK alive " + loop);
    }
    expected.addAll(List.of("OK not-a-loop-thread", "OK allowed", "OK swing-nested-pump",
        "OK same-site-twice", "DONE"));
    if (mode.equals("fail")) {
      expected.addAll(List.of("OK started CompletableFuture.join", "OK started Semaphore.acquire",
          "OK started LinkedBlockingQueue.take", "OK started Thread.sleep"));
    }
    assertThat(lines).as(run.describe()).containsAll(expected);
    // warn and fail log each site once, naming loop, call and site
    assertThat(run.stderrCount("FFTT: blocking call Thread.sleep on event loop 'started' at"
        + " dev.fftt.agent.it.app.BlockingScenarios.sameSite(BlockingScenarios.java:"))
        .as(run.describe()).isEqualTo(1);
    assertThat(run.stderrCount("FFTT: blocking call CountDownLatch.await on event loop 'swing' at"
        + " dev.fftt.agent.it.app.BlockingScenarios.lambda$"))
        .as(run.describe()).isEqualTo(1);
    // the JSON has blockingCalls for every loop, and issues name loop, call and site
    String json = lines.stream().filter(l -> l.startsWith("JSON ")).findFirst().orElseThrow();
    assertThat(json).containsPattern("\\{\"name\":\"registered\",\"pending\":\\d+,\"stalls\":\\d+,"
        + "\"maxStallMillis\":[0-9.]+,\"blockingCalls\":[1-9][0-9]*}");
    // (the issues list five sites per loop, in order, then how many more)
    assertThat(json).contains("event loop 'started' made ")
        .contains("blocking call(s) on its thread: ArrayBlockingQueue.put at"
            + " dev.fftt.agent.it.app.BlockingScenarios.lambda$cases$")
        .containsPattern("and \\d+ more site\\(s\\); compose the future instead of waiting");
  }

  @Test
  void anUnknownClassInTheAllowListStopsStartupWithOneLine() {
    Jvm.Result run = Scenarios.appJvm(Jvm.current(), false)
        .options("-Dfftt.blocking.allow=com.acme.Nope#load")
        .agent("blocking=warn")
        .run(APP, List.of("warn"));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).containsExactly(
        "FFTT config: system property fftt.blocking.allow: blocking.allow names class"
            + " com.acme.Nope, which is not on the class path; name a class the application has"
            + " (<class>#<method> or <class>, e.g. com.acme.Cache#load), or remove the entry");
    assertThat(run.stdout()).as(run.describe()).isEmpty();
  }

  @Test
  void aBadEntryFromTheEnvironmentStopsStartupWithOneLine() {
    Jvm.Result run = Scenarios.appJvm(Jvm.current(), false)
        .env("FFTT_BLOCKING_EXTRA", "reactor.core.publisher.Mono")
        .agent("blocking=fail")
        .run(APP, List.of("fail"));

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLinesWithoutJvmWarnings()).as(run.describe()).containsExactly(
        "FFTT config: environment FFTT_BLOCKING_EXTRA: bad entry 'reactor.core.publisher.Mono' in"
            + " blocking.extra='reactor.core.publisher.Mono'; expected comma-separated"
            + " <class>#<method> with a fully qualified class name, e.g."
            + " reactor.core.publisher.Mono#block");
  }

  @Test
  void offChangesNoJdkClass() {
    Jvm.Result run = Scenarios.appJvm(Jvm.current(), false)
        .options(ALLOW, "-Xlog:redefine+class+load=info")
        .agent("")
        .run(APP, List.of("warn"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    // every check expects one call caught: with off, none is
    assertThat(run.stdoutLines()).as(run.describe()).contains("FAIL started sleep: 0 caught,"
        + " threw null");
    assertThat(run.stdout()).as(run.describe()).doesNotContain("java.lang.Object")
        .doesNotContain("LockSupport");
  }

  private static Path java25() {
    Path home = TestPaths.java25Home();
    assumeTrue(Files.isExecutable(home.resolve("bin/java")),
        "no Java 25 at " + home + " (set -Dfftt.java25.home=...); skipped");
    return home;
  }
}
