package dev.fftt.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.fftt.processor.Sources.assertOnlyError;
import static dev.fftt.processor.Sources.assertOnlyWarning;
import static dev.fftt.processor.Sources.compile;
import static dev.fftt.processor.Sources.message;
import static dev.fftt.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule 6 (blocking calls in a {@code @LoopCompatible} body), its option, and the warnings about
 * method bodies ({@code supplyAsync/runAsync} without an executor, blocking under a timeout).
 */
class BodyRulesTest {

  private static final JavaFileObject CALLS = source("bad/BlockingCalls");

  @ParameterizedTest(name = "{1} at {0}")
  @CsvSource(delimiter = '|', value = {
      "completedFuture(future.get())       | Future.get                       | futureGet",
      "future.get(1, TimeUnit.SECONDS)     | Future.get                       | futureGetTimed",
      "completedFuture(cf.get())           | Future.get                       | completableGet",
      "task.get()                          | Future.get                       | futureTaskGet",
      "cf.join()                           | CompletableFuture.join           | join",
      "mine.join()                         | CompletableFuture.join           | subclassJoin",
      "Thread.sleep(10)                    | Thread.sleep                     | sleep",
      "worker.join();                      | Thread.join                      | threadJoin",
      "worker.join(100)                    | Thread.join                      | threadJoinTimed",
      "lock.wait()                         | Object.wait                      | objectWait",
      "latch.await();                      | CountDownLatch.await             | latchAwait",
      "latch.await(5, TimeUnit.SECONDS)    | CountDownLatch.await             | latchAwaitTimed",
      "semaphore.acquire()                 | Semaphore.acquire                | semaphoreAcquire",
      "acquireUninterruptibly(2)           | Semaphore.acquireUninterruptibly | semaphoreUninterruptibly",
      "queue.put(\"job\")                  | BlockingQueue.put                | queuePut",
      "queue.take()                        | BlockingQueue.take               | queueTake",
      "linked.take()                       | BlockingQueue.take               | linkedTake",
      "LockSupport.park();                 | LockSupport.park                 | park",
      "LockSupport.parkNanos(1_000L)       | LockSupport.parkNanos            | parkNanos",
      "LockSupport.parkUntil(this, 0L)     | LockSupport.parkUntil            | parkUntil",
  })
  void blockingCallIsAnErrorOnItsLine(String line, String call, String method) {
    Compilation compilation = compile(CALLS);
    assertThat(compilation)
        .hadErrorContaining("blocking call " + call + " in @LoopCompatible method BlockingCalls."
            + method + "()")
        .inFile(CALLS)
        .onLineContaining(line);
  }

  @Test
  void everyBlockingCallIsReportedOnceAndNothingElse() {
    Compilation compilation = compile(CALLS);
    assertThat(compilation).hadErrorCount(20);
    assertThat(compilation).hadWarningCount(0);
    Assertions.assertThat(compilation.errors())
        .allSatisfy(e -> Assertions.assertThat(message(e))
            .contains("would block the event loop's thread", "lambda or an anonymous class"));
  }

  @Test
  void messagesSayHowToAvoidTheCall() {
    List<String> messages = compile(CALLS).errors().stream().map(Sources::message).toList();
    Assertions.assertThat(messages)
        .anySatisfy(m -> Assertions.assertThat(m).contains("Future.get", "thenCompose"))
        .anySatisfy(m -> Assertions.assertThat(m).contains("Thread.sleep", "delayedExecutor"))
        .anySatisfy(m -> Assertions.assertThat(m).contains("Semaphore.acquire", "tryAcquire"))
        .anySatisfy(m -> Assertions.assertThat(m).contains("BlockingQueue.take", "offer/poll"));
  }

  @Test
  void classLevelLoopCompatibleChecksTheFutureMethodsOnly() {
    JavaFileObject file = source("bad/BlockingClassLevel");
    assertOnlyError(compile(file), file, "completedFuture(pending.join())",
        "blocking call CompletableFuture.join in @LoopCompatible method BlockingClassLevel.load()");
  }

  @Test
  void optionErrorIsTheDefault() {
    JavaFileObject file = source("bad/BlockingOption");
    assertOnlyError(compile(List.of("-Afftt.blocking=error"), file), file, "Thread.sleep(50)",
        "blocking call Thread.sleep in @LoopCompatible method BlockingOption.pause()");
    assertOnlyError(compile(file), file, "Thread.sleep(50)", "blocking call Thread.sleep");
  }

  @Test
  void optionWarningReportsAWarning() {
    JavaFileObject file = source("bad/BlockingOption");
    assertOnlyWarning(compile(List.of("-Afftt.blocking=warning"), file), file, "Thread.sleep(50)",
        "blocking call Thread.sleep in @LoopCompatible method BlockingOption.pause()");
  }

  @Test
  void optionIgnoresCaseAndBlanks() {
    JavaFileObject file = source("bad/BlockingOption");
    assertOnlyWarning(compile(List.of("-Afftt.blocking= Warning "), file), file,
        "Thread.sleep(50)", "blocking call Thread.sleep");
  }

  @Test
  void optionOffReportsNothing() {
    Compilation compilation =
        compile(List.of("-Afftt.blocking=off"), source("bad/BlockingOption"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void badOptionValueIsAnErrorNamingTheChoices() {
    JavaFileObject file = source("bad/BlockingOption");
    Compilation compilation = compile(List.of("-Afftt.blocking=loud"), file);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("-Afftt.blocking=loud is not a valid value; use one of error,"
            + " warning, off");
    // The default (error) still applies, so the run reports the blocking call too.
    assertThat(compilation).hadErrorContaining("blocking call Thread.sleep")
        .inFile(file).onLineContaining("Thread.sleep(50)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void extraBlockingMethodsFromTheOptionAreChecked() {
    JavaFileObject file = source("bad/BlockingExtra");
    assertThat(compile(file)).succeededWithoutWarnings();
    assertOnlyError(compile(List.of("-Afftt.blocking.extra=bad.BlockingExtra$Gate#await"), file),
        file, "completedFuture(gate.await())",
        "blocking call Gate.await in @LoopCompatible method BlockingExtra.load()");
    assertOnlyWarning(compile(List.of("-Afftt.blocking=warning",
        "-Afftt.blocking.extra= , bad.BlockingExtra.Gate#await "), file),
        file, "completedFuture(gate.await())", "blocking call Gate.await");
  }

  @Test
  void anExtraOfAClassTheCompilationCannotSeeIsAWarning() {
    Compilation compilation = compile(
        List.of("-Afftt.blocking.extra=reactor.core.publisher.Mono#block"),
        source("bad/BlockingExtra"));
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("-Afftt.blocking.extra names class"
        + " reactor.core.publisher.Mono, which this compilation cannot see: calls to it are not"
        + " checked");
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void aBadExtraEntryIsAnErrorShowingTheForm() {
    Compilation compilation = compile(List.of("-Afftt.blocking.extra=Mono.block"),
        source("bad/BlockingExtra"));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("-Afftt.blocking.extra: bad entry 'Mono.block';"
        + " expected comma-separated <class>#<method> with a fully qualified class name, e.g."
        + " -Afftt.blocking.extra=io.vertx.core.Future#await,reactor.core.publisher.Mono#block");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void supplyAsyncWithoutExecutorWarns() {
    JavaFileObject file = source("bad/SupplyAsyncWithoutExecutor");
    assertOnlyWarning(compile(file), file, "supplyAsync(() -> \"data\")",
        "CompletableFuture.supplyAsync without an executor in @LoopCompatible method"
            + " SupplyAsyncWithoutExecutor.load()",
        "common ForkJoinPool", "pass the executor");
  }

  @Test
  void runAsyncWithoutExecutorWarnsUnderClassLevelLoopCompatible() {
    JavaFileObject file = source("bad/RunAsyncWithoutExecutor");
    assertOnlyWarning(compile(file), file, "runAsync(() -> {})",
        "CompletableFuture.runAsync without an executor", "RunAsyncWithoutExecutor.save()");
  }

  @Test
  void blockingCallInTimeoutBodyWarns() {
    JavaFileObject file = source("bad/BlockingInTimeout");
    assertOnlyWarning(compile(file), file, "source.join()",
        "blocking call CompletableFuture.join in @WithTimeout method BlockingInTimeout.fetch()",
        "timeout cannot fire while it blocks", "move the blocking work into the returned future");
  }

  @Test
  void bodyRulesAreReportedInTheSameRunAsValueErrors() {
    JavaFileObject values = source("bad/TimeoutZero");
    JavaFileObject blocking = source("bad/BlockingOption");
    Compilation compilation = compile(values, blocking);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("@WithTimeout value must be greater than 0")
        .inFile(values).onLineContaining("value = 0");
    assertThat(compilation).hadErrorContaining("blocking call Thread.sleep")
        .inFile(blocking).onLineContaining("Thread.sleep(50)");
  }

  @Test
  void theFallbacksOfALoopCompatibleMethodAreCheckedAsIfTheyWereLoopCompatible() {
    JavaFileObject file = source("bad/BlockingInFallback");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation)
        .hadErrorContaining("blocking call CompletableFuture.join in fallback method"
            + " BlockingInFallback.cached() of @LoopCompatible method BlockingInFallback.fetch()"
            + " would block the event loop's thread")
        .inFile(file).onLineContaining("String value = pending.join();");
    assertThat(compilation)
        .hadErrorContaining("blocking call Thread.sleep in fallback method"
            + " BlockingInFallback.cached() of @LoopCompatible method BlockingInFallback.fetch()")
        .inFile(file).onLineContaining("Thread.sleep(5)");
  }

  @Test
  void theFallbackRuleFollowsTheOption() {
    JavaFileObject file = source("bad/BlockingInFallback");
    Compilation compilation = compile(List.of("-Afftt.blocking=warning"), file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(2);
    assertThat(compile(List.of("-Afftt.blocking=off"), file)).succeededWithoutWarnings();
  }
}
