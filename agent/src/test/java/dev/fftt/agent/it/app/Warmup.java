package dev.fftt.agent.it.app;

import java.util.concurrent.CompletableFuture;

/**
 * Before an attach: loads and calls every fixture once, unwoven, and checks that it behaves so
 * (a body that throws throws). Refers to no runtime class.
 */
final class Warmup {

  private Warmup() {}

  static void run(Fixtures fx, boolean isolatedPlugin) throws Exception {
    fx.timeouts.never();
    fx.timeouts.quick();
    fx.retries.flaky(0, "warm");
    fx.retries.abort();
    fx.monitors.ok();
    fx.monitors.fail();
    fx.monitors.named();
    fx.monitors.slow();
    fx.loops.where();
    fx.loops.nowhere();
    fx.loops.later();
    fx.shapes.viaPrivate();
    ShapesService.staticRetry(1);
    fx.shapes.finalRetry();
    fx.shapes.outer();
    fx.shapes.callsTimed();
    fx.derived.work();
    fx.classLevel.inherits();
    fx.classLevel.overrides();
    fx.checked.slow();
    fx.greeter.greet("warm");
    Fixtures.callLegacy();
    if (isolatedPlugin) {
      Fixtures.callPlugin(fx.isolatedPlugins);
    }
    Fixtures.callPlugin(fx.childFirstPlugins);
    fx.throwing.returnsNull();
    try {
      fx.throwing.throwsNow();
      throw new AssertionError("before the attach, throwsNow() returned instead of throwing");
    } catch (IllegalStateException unwoven) {
      // as written: the body's exception reaches the caller
    }
    CompletableFuture<String> f = fx.timeouts.never();
    if (f != fx.timeouts.lastBody.get()) {
      throw new AssertionError("before the attach, never() did not return the body's own future");
    }
    fx.breakers.call("ok");
    fx.typeLevel.fail();
    fx.bulkheads.work(0);
    FallbackService.staticCall(0);
    fx.indexedFallbacks.listedOnly("warm");
    if (!fx.fallbacks.broken().isCompletedExceptionally()) {
      throw new AssertionError("before the attach, broken() fell back");
    }
    Report.line("WARMUP unwoven behaviour seen");
  }
}
