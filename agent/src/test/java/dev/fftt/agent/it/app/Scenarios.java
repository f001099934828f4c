package dev.fftt.agent.it.app;

import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.OperationStats;
import java.awt.EventQueue;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scenarios, each a check of the contract's woven behaviour; loaded only after any attach,
 * since it refers to the runtime.
 */
final class Scenarios {

  interface Scenario {
    void run() throws Exception;
  }

  private final Fixtures fx;
  private final Map<String, Scenario> all = new LinkedHashMap<>();

  private Scenarios(Fixtures fx) {
    this.fx = fx;
    all.put("timeout", this::timeout);
    all.put("timeout-passthrough", this::timeoutPassThrough);
    all.put("retry", this::retry);
    all.put("retry-exhausted", this::retryExhausted);
    all.put("retry-abort", this::retryAbort);
    all.put("retry-cancel", this::retryCancel);
    all.put("monitor", this::monitor);
    all.put("monitor-off", this::monitorOff);
    all.put("runon", this::runOn);
    all.put("runon-unknown", this::runOnUnknown);
    all.put("hop-loop", this::hopLoop);
    all.put("hop-swing", this::hopSwing);
    all.put("private", this::privateMethod);
    all.put("static", this::staticMethod);
    all.put("final", this::finalMethod);
    all.put("self-invocation", this::selfInvocation);
    all.put("override-super", this::overrideSuper);
    all.put("interface-default", this::interfaceDefault);
    all.put("class-level", this::classLevel);
    all.put("sync-throw", this::syncThrow);
    all.put("checked", this::checked);
    all.put("plugin-isolated", () -> plugin(fx.isolatedPlugins));
    all.put("plugin-child", () -> plugin(fx.childFirstPlugins));
    all.put("unweavable", this::unweavable);
    all.put("attach-twice", this::attachTwice);
    all.put("runtime-loader", this::runtimeLoader);
    ResilienceScenarios.register(fx, all);
  }

  static void run(Fixtures fx, List<String> names) {
    Scenarios scenarios = new Scenarios(fx);
    for (String name : names) {
      Scenario scenario = scenarios.all.get(name);
      if (scenario == null) {
        Report.line("FAIL " + name + ": no such scenario");
        continue;
      }
      try {
        Diagnostics.reset();
        scenario.run();
        Report.line("OK " + name);
      } catch (Throwable t) {
        Report.line("FAIL " + name + ": " + t);
        t.printStackTrace();
      }
    }
  }

  // ---- timeouts ----

  private void timeout() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<String> f = fx.timeouts.never();
    Throwable t = failureOf(f);
    long millis = (System.nanoTime() - start) / 1_000_000;
    check(t instanceof AsyncTimeoutException, "expected an AsyncTimeoutException, got " + t);
    check(t.getMessage().contains("TimeoutService.never") && t.getMessage().contains("150 ms"),
        "the message does not name the operation and the limit: " + t.getMessage());
    check(millis >= 140, "failed after " + millis + " ms, before its 150 ms");
    check(f != fx.timeouts.lastBody.get(), "the caller got the body's own future");
    check(fx.timeouts.lastBody.get().isCancelled(), "the body's future was not cancelled");
  }

  private void timeoutPassThrough() throws Exception {
    CompletableFuture<String> f = fx.timeouts.quick();
    check(f == fx.timeouts.lastBody.get(), "a future complete at return was not passed through");
    check("ok".equals(valueOf(f)), "value");
  }

  // ---- retries ----

  private void retry() throws Exception {
    RetryService r = fx.retries;
    r.reset();
    String value = valueOf(r.flaky(2, "x"));
    check("x3".equals(value), "expected x3, got " + value);
    check(r.calls.get() == 3, "expected 3 runs of the body, got " + r.calls.get());
    check(r.seenArguments.equals(List.of("x/2", "x/2", "x/2")), "arguments " + r.seenArguments);
    check(r.seenReceivers.stream().allMatch(o -> o == r), "a different receiver was used");
    OperationStats s = Diagnostics.operation("it_retry_flaky").orElseThrow();
    check(s.calls() == 1 && s.retries() == 2 && s.successes() == 1 && s.inFlight() == 0,
        "counts " + s);
  }

  private void retryExhausted() throws Exception {
    RetryService r = fx.retries;
    r.reset();
    Throwable t = failureOf(r.flaky(10, "y"));
    check(t instanceof IOException && "attempt 4".equals(t.getMessage()),
        "expected the last attempt's IOException, got " + t);
    check(t.getSuppressed().length == 3, "expected 3 earlier failures attached, got "
        + t.getSuppressed().length);
    check(r.calls.get() == 4, "expected 4 runs, got " + r.calls.get());
  }

  private void retryAbort() throws Exception {
    RetryService r = fx.retries;
    r.reset();
    Throwable t = failureOf(r.abort());
    check(t instanceof IllegalArgumentException, "expected IllegalArgumentException, got " + t);
    check(r.calls.get() == 1, "abortOn did not stop: " + r.calls.get() + " runs");
  }

  private void retryCancel() throws Exception {
    RetryService r = fx.retries;
    r.reset();
    r.callLatch = new CountDownLatch(3);
    CompletableFuture<String> f = r.keepsFailing();
    check(r.callLatch.await(5, TimeUnit.SECONDS), "the retries did not get going");
    check(f.cancel(true), "cancel returned false");
    int atCancel = r.calls.get();
    r.callLatch = new CountDownLatch(2);
    // At 40 ms a retry, 400 ms would see about ten more runs if cancelling did not stop them.
    boolean more = r.callLatch.await(400, TimeUnit.MILLISECONDS);
    check(!more, "retries went on after cancel: " + atCancel + " then " + r.calls.get());
  }

  // ---- monitoring ----

  private void monitor() throws Exception {
    for (int i = 0; i < 3; i++) {
      valueOf(fx.monitors.ok());
    }
    for (int i = 0; i < 2; i++) {
      failureOf(fx.monitors.fail());
    }
    OperationStats s = Diagnostics.operation("it_monitor").orElseThrow();
    check(s.calls() == 5 && s.successes() == 3 && s.failures() == 2 && s.inFlight() == 0
        && s.timeouts() == 0, "counts " + s);
    valueOf(fx.monitors.named());
    check(Diagnostics.operation("MonitorService.named").isPresent(),
        "no default-named operation MonitorService.named");
    check(failureOf(fx.monitors.slow()) instanceof AsyncTimeoutException, "slow() did not time out");
    OperationStats slow = Diagnostics.operation("it_monitor_slow").orElseThrow();
    check(slow.calls() == 1 && slow.timeouts() == 1 && slow.failures() == 0, "counts " + slow);
  }

  private void monitorOff() throws Exception {
    valueOf(fx.monitors.ok());
    valueOf(fx.monitors.named());
    check(Diagnostics.operation("it_monitor").isEmpty(), "counted with monitor=off");
    check(Diagnostics.operation("MonitorService.named").isEmpty(), "counted with monitor=off");
    check(failureOf(fx.monitors.slow()) instanceof AsyncTimeoutException,
        "with monitor=off the timeout must still apply");
    check(Diagnostics.operation("it_monitor_slow").isEmpty(), "counted with monitor=off");
  }

  // ---- loops ----

  private void runOn() throws Exception {
    EventLoops.named("it-processing").orElseGet(() -> EventLoops.start("it-processing"));
    String thread = valueOf(fx.loops.where());
    check("fftt-loop-it-processing".equals(thread), "the body ran on " + thread);
  }

  private void runOnUnknown() throws Exception {
    Throwable t = failureOf(fx.loops.nowhere());
    check(t instanceof IllegalStateException && t.getMessage().contains("it-missing"),
        "expected an IllegalStateException naming it-missing, got " + t);
  }

  private void hopLoop() throws Exception {
    EventLoop caller = EventLoops.named("it-caller").orElseGet(() -> EventLoops.start("it-caller"));
    CompletableFuture<String> seen = new CompletableFuture<>();
    caller.execute(() -> fx.loops.later()
        .thenApply(v -> Thread.currentThread().getName())
        .whenComplete((name, e) -> complete(seen, name, e)));
    String thread = valueOf(seen);
    check("fftt-loop-it-caller".equals(thread), "the caller's stage ran on " + thread);
  }

  private void hopSwing() throws Exception {
    CompletableFuture<String> seen = new CompletableFuture<>();
    EventQueue.invokeLater(() -> fx.loops.later()
        .thenApply(v -> Thread.currentThread().getName() + "/" + EventQueue.isDispatchThread())
        .whenComplete((name, e) -> complete(seen, name, e)));
    String thread = valueOf(seen);
    check(thread.startsWith("AWT-EventQueue") && thread.endsWith("/true"),
        "the caller's stage ran on " + thread + ", not on the EDT");
  }

  // ---- shapes of methods ----

  private void privateMethod() throws Exception {
    fx.shapes.reset();
    check("private3".equals(valueOf(fx.shapes.viaPrivate())), "value");
    check(fx.shapes.privateCalls.get() == 3, "runs " + fx.shapes.privateCalls.get());
  }

  private void staticMethod() throws Exception {
    fx.shapes.reset();
    String value = valueOf(ShapesService.staticRetry(7, "a", "b"));
    check("static7ab3".equals(value), "value " + value);
    check(ShapesService.STATIC_CALLS.get() == 3, "runs " + ShapesService.STATIC_CALLS.get());
  }

  private void finalMethod() throws Exception {
    fx.shapes.reset();
    check("final3".equals(valueOf(fx.shapes.finalRetry())), "value");
    check(fx.shapes.finalCalls.get() == 3, "runs " + fx.shapes.finalCalls.get());
  }

  private void selfInvocation() throws Exception {
    fx.shapes.reset();
    String value = valueOf(fx.shapes.outer());
    check("outer(inner3)".equals(value), "value " + value);
    check(fx.shapes.innerCalls.get() == 3, "inner runs " + fx.shapes.innerCalls.get());
    Throwable t = failureOf(fx.shapes.callsTimed());
    check(t instanceof AsyncTimeoutException && t.getMessage().contains("ShapesService.timed"),
        "the self-invoked timed() did not time out: " + t);
  }

  private void overrideSuper() throws Exception {
    DerivedService d = fx.derived;
    d.baseCalls.set(0);
    d.derivedCalls.set(0);
    String value = valueOf(d.work());
    check("derived+base3".equals(value), "value " + value);
    check(d.baseCalls.get() == 3 && d.derivedCalls.get() == 1, "the retries ran the override: base "
        + d.baseCalls.get() + ", derived " + d.derivedCalls.get());
  }

  private void interfaceDefault() throws Exception {
    Greeter.CALLS.set(0);
    String value = valueOf(fx.greeter.greet("bob"));
    check("hello bob 3".equals(value), "value " + value);
  }

  private void classLevel() throws Exception {
    Throwable t = failureOf(fx.classLevel.inherits());
    check(t instanceof AsyncTimeoutException && t.getMessage().contains("ClassLevelService.inherits")
        && t.getMessage().contains("100 ms"), "the class-level timeout did not apply: " + t);
    check("in time".equals(valueOf(fx.classLevel.overrides())),
        "the method-level timeout did not override the class-level one");
    check("plain".equals(fx.classLevel.plain()), "plain");
  }

  private void syncThrow() throws Exception {
    CompletableFuture<String> f = fx.throwing.throwsNow();
    Throwable t = failureOf(f);
    check(t instanceof IllegalStateException && "boom".equals(t.getMessage()), "got " + t);
    Throwable n = failureOf(fx.throwing.returnsNull());
    check(n instanceof NullPointerException && n.getMessage().contains("ThrowingService.returnsNull"),
        "got " + n);
    // under @AsyncMonitor("it_null") the message still names the method, not the operation
    Throwable m = failureOf(fx.throwing.returnsNullMonitored());
    check(m instanceof NullPointerException
        && m.getMessage().contains("ThrowingService.returnsNullMonitored"), "got " + m);
  }

  private void checked() throws Exception {
    long start = System.nanoTime();
    Throwable t = failureOf(fx.checked.slow());
    long millis = (System.nanoTime() - start) / 1_000_000;
    check(t instanceof AsyncTimeoutException && t.getMessage().contains("it_checked_slow")
        && t.getMessage().contains("120 ms"), "the class file's values were not used: " + t);
    check(millis < 4_000, "took " + millis + " ms");
    check(Diagnostics.operation("it_checked_slow").orElseThrow().timeouts() == 1, "not counted");
  }

  // ---- class loaders ----

  private void plugin(ClassLoader plugins) throws Exception {
    Throwable t = failureOf(Fixtures.callPlugin(plugins));
    check(t instanceof AsyncTimeoutException, "the plugin's call did not time out with this runtime's"
        + " AsyncTimeoutException: " + t + (t == null ? "" : " from " + t.getClass().getClassLoader()));
    OperationStats s = Diagnostics.operation("it_plugin_slow").orElseThrow();
    check(s.timeouts() == 1, "counts " + s);
  }

  private void unweavable() throws Exception {
    CompletableFuture<?> f = Fixtures.callLegacy();
    check(f != null, "the generated Java 6 class is not on the class path");
    try {
      Object value = f.get(300, TimeUnit.MILLISECONDS);
      throw new AssertionError("completed with " + value);
    } catch (TimeoutException stillRunning) {
      // unwoven: its 50 ms timeout did not apply
    } catch (ExecutionException e) {
      throw new AssertionError("the unweavable class was woven after all: " + e.getCause());
    }
  }

  private void attachTwice() throws Exception {
    String failure = SelfAttacher.attach("");
    check(failure == null, "attaching again failed: " + failure);
    retry(); // woven once: a second weave would guard twice and run the body 9 times
  }

  private void runtimeLoader() {
    ClassLoader loader = Diagnostics.class.getClassLoader();
    Report.line("RUNTIME-LOADER " + (loader == null ? "boot" : "app"));
  }

  // ---- helpers ----

  private static <T> void complete(CompletableFuture<T> target, T value, Throwable failure) {
    if (failure != null) {
      target.completeExceptionally(failure);
    } else {
      target.complete(value);
    }
  }

  /** The failure of {@code f} (unwrapped), or {@code null} when it succeeded; waits up to 5 s. */
  private static Throwable failureOf(Future<?> f) throws InterruptedException {
    try {
      f.get(5, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    } catch (TimeoutException e) {
      throw new AssertionError("not complete after 5 s");
    }
  }

  private static <T> T valueOf(Future<T> f) throws InterruptedException {
    try {
      return f.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("not complete after 5 s");
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }
}
