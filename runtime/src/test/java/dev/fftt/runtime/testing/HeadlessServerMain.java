package dev.fftt.runtime.testing;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthReport;
import dev.fftt.runtime.LoopStats;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import java.awt.EventQueue;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A headless server's use of the runtime, in a JVM of its own (started by
 * {@code HeadlessServerTest} with {@code -Dfftt.health.minimumCalls=3}): first everything a server
 * does without the EDT, then a {@code @LoopCompatible} call from the EDT. Prints what it saw.
 */
public final class HeadlessServerMain {

  public static final String EDT_FROM_HERE = "--- the EDT is used from here on ---";

  private static void call(GuardPolicy policy, boolean ok) {
    Guard.call(policy, () -> ok ? CompletableFuture.completedFuture("ok")
        : CompletableFuture.failedFuture(new IOException("no")));
  }

  private static String loops() {
    return Diagnostics.healthReport().loops().stream().map(LoopStats::name)
        .collect(Collectors.joining(","));
  }

  public static void main(String[] args) throws Exception {
    // 1. no EDT: loops, calls on and off them, every way to read the report
    EventLoop work = EventLoops.start("work");
    GuardPolicy policy = GuardPolicy.builder("Server.call").monitor("Server.call")
        .loopCompatible(true).build();
    call(policy, false);
    call(policy, false);
    System.out.println("after 2 of 2 failed: " + Diagnostics.healthReport().status());
    work.submit(() -> {
      call(policy, false);
      return CompletableFuture.completedFuture(null);
    }).join();
    System.out.println("after 3 of 3 failed: " + Diagnostics.healthReport().status());
    System.setProperty("fftt.health.minimumCalls", "100"); // read once: too late to count
    System.out.println("after the property changed: " + Diagnostics.healthReport().status());
    System.out.println("current: " + EventLoops.current().name()
        + ", named nope: " + EventLoops.named("nope").isPresent());
    Diagnostics.diagnoseEventLoopIssues();
    HealthReport report = Diagnostics.healthReport();
    report.toJson();
    report.toTable();
    Diagnostics.logHealthReport();
    Diagnostics.reset();
    System.out.println("loops without the EDT: " + loops());
    System.out.flush();
    System.out.println(EDT_FROM_HERE);
    System.out.flush();

    // 2. a @LoopCompatible call made on the EDT: the swing loop is registered and listed
    EventQueue.invokeAndWait(() -> call(policy, true));
    System.out.println("loops after a call on the EDT: " + loops());
    System.out.println("named swing: " + EventLoops.named("swing").map(EventLoop::name).orElse("-"));
    System.exit(0); // the EDT is not a daemon thread
  }
}
