package dev.fftt.agent.it.app.mdc;

import dev.fftt.annotations.LoopCompatible;
import dev.fftt.annotations.Retry;
import dev.fftt.annotations.WithTimeout;
import dev.fftt.runtime.EventLoops;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Prints the MDC value seen by each retry attempt, by a body on a runOn loop, and by callbacks on
 * the caller's futures (completed by a later attempt, by the loop, by a timeout), then the
 * caller's own MDC afterwards. With SLF4J on the class path and the runtime on the boot path.
 */
public final class MdcApp {

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Retry(maxRetries = 2, delay = 20, delayUnit = ChronoUnit.MILLIS)
  public CompletableFuture<String> flaky() {
    seen.add("attempt " + calls.incrementAndGet() + " " + MDC.get("request"));
    return calls.get() < 3 ? CompletableFuture.failedFuture(new IOException("not yet"))
        : CompletableFuture.completedFuture("ok");
  }

  @LoopCompatible(runOn = "it-mdc")
  public CompletableFuture<String> onLoop() {
    seen.add("loop body " + MDC.get("request"));
    return CompletableFuture.supplyAsync(() -> "later",
        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
  }

  @WithTimeout(value = 50, unit = ChronoUnit.MILLIS)
  public CompletableFuture<String> never() {
    return new CompletableFuture<>();
  }

  public static void main(String[] args) throws Exception {
    EventLoops.start("it-mdc");
    MdcApp app = new MdcApp();
    MDC.put("request", "r-42");
    CompletableFuture<Void> retried = app.flaky()
        .handle((v, e) -> app.note("retry completion", v, e));
    CompletableFuture<Void> looped = app.onLoop()
        .handle((v, e) -> app.note("loop completion", v, e));
    CompletableFuture<Void> timedOut = app.never()
        .handle((v, e) -> app.note("timeout completion", v, e));
    MDC.put("request", "caller-own");
    CompletableFuture.allOf(retried, looped, timedOut).get(10, TimeUnit.SECONDS);
    app.seen.forEach(System.out::println);
    System.out.println("caller after " + MDC.get("request"));
    System.exit(0);
  }

  private Void note(String what, Object value, Throwable failure) {
    seen.add(what + " " + MDC.get("request"));
    return null;
  }
}
