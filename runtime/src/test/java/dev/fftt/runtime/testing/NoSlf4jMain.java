package dev.fftt.runtime.testing;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthReport;
import dev.fftt.runtime.internal.util.Context;
import dev.fftt.runtime.internal.util.Log;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Runs the runtime in a JVM without SLF4J (started by {@code Slf4jAbsentTest}); prints what it saw. */
public final class NoSlf4jMain {

  public static void main(String[] args) throws Exception {
    System.out.println("slf4j=" + Log.usesSlf4j() + " mdc=" + Context.application().enabled());
    try {
      Async.safe(CompletableFuture::new, Duration.ofMillis(20), 1).join();
    } catch (CompletionException e) {
      System.out.println("safe failed with " + e.getCause().getClass().getSimpleName()
          + " suppressed=" + e.getCause().getSuppressed().length);
    }
    EventLoop loop = EventLoops.start("nolog");
    loop.execute(() -> {
      long until = System.nanoTime() + 600_000_000L;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    });
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Diagnostics.healthReport().status() != HealthReport.Status.UNHEALTHY
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    System.out.println("status=" + Diagnostics.healthReport().status());
    Diagnostics.logHealthReport();
    System.out.println("done");
  }
}
