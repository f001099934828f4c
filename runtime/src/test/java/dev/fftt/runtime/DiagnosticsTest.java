package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.monitor.HealthRule;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class DiagnosticsTest {

  private static void call(String monitor, boolean ok) {
    GuardPolicy policy = GuardPolicy.builder(monitor).monitor(monitor).build();
    Guard.call(policy, () -> ok ? CompletableFuture.completedFuture("ok")
        : CompletableFuture.failedFuture(new IOException("no")));
  }

  @Test
  void operationIsEmptyUntilCalledAndCountsExactlyAfter() {
    Diagnostics.reset();
    assertThat(Diagnostics.operation("d.counts")).isEmpty();

    for (int i = 0; i < 7; i++) {
      call("d.counts", i % 7 != 0);
    }

    OperationStats s = Diagnostics.operation("d.counts").orElseThrow();
    assertThat(s.calls()).isEqualTo(7);
    assertThat(s.successes()).isEqualTo(6);
    assertThat(s.failures()).isEqualTo(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void resetZeroesCountsButKeepsCallsInFlight() {
    GuardPolicy policy = GuardPolicy.builder("d.reset").monitor("d.reset").build();
    CompletableFuture<String> pending = new CompletableFuture<>();
    Guard.call(policy, () -> CompletableFuture.completedFuture("a"));
    CompletableFuture<String> flying = Guard.call(policy, () -> pending);

    Diagnostics.reset();
    OperationStats afterReset = Diagnostics.operation("d.reset").orElseThrow();
    pending.complete("late");

    assertThat(afterReset.successes()).isZero();
    assertThat(afterReset.inFlight()).isEqualTo(1);
    assertThat(afterReset.calls()).isEqualTo(1);
    assertThat(flying.join()).isEqualTo("late");
    assertThat(Diagnostics.operation("d.reset")).isEmpty();
  }

  @Test
  void healthyThenDegradedWhenMoreThanTenPercentFail() {
    Diagnostics.reset();
    for (int i = 0; i < 10; i++) {
      call("d.status", true);
    }
    call("d.status", false); // 1 of 11 = 9%: still healthy
    assertThat(Diagnostics.healthReport().status()).isEqualTo(HealthReport.Status.HEALTHY);

    call("d.status", false); // 2 of 12 = 17%
    HealthReport report = Diagnostics.healthReport();

    assertThat(report.status()).isEqualTo(HealthReport.Status.DEGRADED);
    assertThat(report.issues()).anyMatch(i -> i.contains("'d.status'") && i.contains("2 of 12"));
    Diagnostics.reset();
    assertThat(Diagnostics.healthReport().status()).isEqualTo(HealthReport.Status.HEALTHY);
  }

  @Test
  void failuresDoNotDegradeTheStatusBelowTheMinimumNumberOfRecentCalls() {
    Diagnostics.reset();
    int minimum = HealthRule.minimumCalls();
    assertThat(minimum).as("the default, as no test sets the property").isEqualTo(10);

    call("d.minimum", true);
    call("d.minimum", false); // one failure in the first two calls: 50%, but only 2 calls
    assertThat(Diagnostics.healthReport().status()).isEqualTo(HealthReport.Status.HEALTHY);
    for (int i = 2; i < minimum - 1; i++) {
      call("d.minimum", false);
    }
    HealthReport below = Diagnostics.healthReport(); // 8 of 9 failed

    call("d.minimum", false); // 9 of 10 failed: at the minimum
    HealthReport at = Diagnostics.healthReport();

    assertThat(below.status()).isEqualTo(HealthReport.Status.HEALTHY);
    assertThat(below.issues()).noneMatch(i -> i.contains("'d.minimum'"));
    assertThat(at.status()).isEqualTo(HealthReport.Status.DEGRADED);
    assertThat(at.issues()).contains("operation 'd.minimum': " + (minimum - 1) + " of " + minimum
        + " recent calls failed or timed out (90%, above 10%)");
    Diagnostics.reset();
  }

  @Test
  void theShareIsShownWithADecimalWhenItWouldRoundToTheLimit() {
    Diagnostics.reset();
    for (int i = 0; i < 93; i++) {
      call("d.share", true);
    }
    for (int i = 0; i < 10; i++) {
      call("d.share", false); // 10 of 103 = 9.7%: not above 10%
    }
    assertThat(Diagnostics.healthReport().status()).isEqualTo(HealthReport.Status.HEALTHY);
    call("d.share", false); // 11 of 104 = 10.58%, "11%"
    call("d.share", true);
    call("d.share", true); // 11 of 106 = 10.38%, which would show as "10%"

    assertThat(Diagnostics.healthReport().issues())
        .contains("operation 'd.share': 11 of 106 recent calls failed or timed out (10.4%, above 10%)");
    Diagnostics.reset();
  }

  @Test
  void loopReportsOneRegisteredLoopAsTheHealthReportListsIt() throws Exception {
    EventLoop loop = EventLoops.start("d.loop");
    CountDownLatch release = new CountDownLatch(1);
    try {
      loop.execute(() -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 3; i++) {
        loop.execute(() -> { });
      }

      // stalled: the watchdog's probe waits behind the tasks, and nothing moves until released
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Diagnostics.loop("d.loop").orElseThrow().stalledNow());
      LoopStats one = Diagnostics.loop("d.loop").orElseThrow();
      LoopStats listed = Diagnostics.healthReport().loops().stream()
          .filter(l -> l.name().equals("d.loop")).findFirst().orElseThrow();
      assertThat(one.name()).isEqualTo(listed.name()).isEqualTo("d.loop");
      assertThat(one.pending()).isEqualTo(listed.pending());
      assertThat(one.stalledNow()).isEqualTo(listed.stalledNow()).isTrue();
      assertThat(one.pending()).isGreaterThanOrEqualTo(3);
      assertThat(one.stalls()).isEqualTo(1);
    } finally {
      release.countDown();
      loop.shutdown();
    }
    assertThat(Diagnostics.loop("d.no-such-loop")).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> Diagnostics.loop("d.loop").isEmpty());
  }

  @Test
  void theSwingLoopIsListedOnceLookedUp() {
    EventLoop swing = EventLoops.named("swing").orElseThrow();

    assertThat(Diagnostics.healthReport().loops()).extracting(LoopStats::name).contains("swing");
    assertThat(EventLoops.named("swing")).containsSame(swing);
  }

  @Test
  void jsonHasTheContractsFieldsAndEscapesNames() {
    EventLoops.named("swing").orElseThrow(); // listed once used
    Diagnostics.reset();
    String weird = "we\"ird\\name\n\u0001";
    call(weird, true);

    String json = Diagnostics.healthReport().toJson();

    assertThat(json).startsWith("{\"status\":\"HEALTHY\",\"operations\":[");
    assertThat(json).contains("{\"name\":\"we\\\"ird\\\\name\\n\\u0001\",\"calls\":1,\"successes\":1,"
        + "\"failures\":0,\"timeouts\":0,\"cancellations\":0,\"retries\":0,\"inFlight\":0,"
        + "\"latencyMillis\":{\"p50\":");
    assertThat(json).containsPattern("\"latencyMillis\":\\{\"p50\":[0-9.]+,\"p99\":[0-9.]+,\"max\":[0-9.]+},"
        + "\"fallbacks\":0,\"rejections\":0}");
    assertThat(json).contains("\"loops\":[").contains("\"issues\":[")
        .contains("\"circuitBreakers\":[").contains("\"bulkheads\":[");
    assertThat(json).containsPattern("\\{\"name\":\"swing\",\"pending\":\\d+,\"stalls\":\\d+,\"maxStallMillis\":[0-9.]+,\"blockingCalls\":0}");
    assertThat(json).endsWith("]}");
  }

  @Test
  void logHealthReportWritesTheTableThroughTheLogger() {
    Diagnostics.reset();
    call("d.logged", true);
    // slf4j-simple writes to System.err; capture it
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      Diagnostics.logHealthReport();
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString()).contains("FFTT health: HEALTHY").contains("d.logged");
  }
}
