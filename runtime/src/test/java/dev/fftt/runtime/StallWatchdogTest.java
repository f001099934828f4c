package dev.fftt.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.LoggerFactory;

@Isolated
class StallWatchdogTest {

  static void blockTheLoopFor(CountDownLatch release) throws InterruptedException {
    release.await(10, TimeUnit.SECONDS);
  }

  @Test
  void aBlockedLoopIsReportedWithItsNameDurationAndBlockingFrame() throws Exception {
    EventLoop ui = EventLoops.start("t-stall");
    CountDownLatch release = new CountDownLatch(1);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> statsOf("t-stall") != null);
      ui.execute(() -> {
        try {
          blockTheLoopFor(release);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      await().atMost(Duration.ofSeconds(5)).until(() -> statsOf("t-stall").stalledNow());
      HealthReport report = Diagnostics.healthReport();
      assertThat(report.status()).isEqualTo(HealthReport.Status.UNHEALTHY);
      String issue = Diagnostics.diagnoseEventLoopIssues().stream()
          .filter(i -> i.contains("'t-stall'")).findFirst().orElseThrow();
      assertThat(issue).contains("is stalled").containsPattern("waited \\d+ ms")
          .contains("StallWatchdogTest.blockTheLoopFor");

      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> !statsOf("t-stall").stalledNow());
      LoopStats after = statsOf("t-stall");
      assertThat(after.stalls()).isEqualTo(1);
      assertThat(after.maxStallMillis()).isGreaterThanOrEqualTo(250.0);
      assertThat(Diagnostics.healthReport().status()).isNotEqualTo(HealthReport.Status.UNHEALTHY);
      assertThat(Diagnostics.diagnoseEventLoopIssues())
          .anyMatch(i -> i.contains("'t-stall' stalled 1 time") && i.contains("blockTheLoopFor"));
    } finally {
      release.countDown();
      ui.shutdown();
    }
  }

  @Test
  void aBadThresholdIsWarnedOnceAndTheIssueShowsTheThresholdInForce() throws Exception {
    String bad = "oops-" + System.nanoTime(); // a value no other test has warned about
    Logger logger = (Logger) LoggerFactory.getLogger("dev.fftt");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    System.setProperty("fftt.stallMillis", bad);
    EventLoop loop = EventLoops.start("t-bad-threshold");
    CountDownLatch release = new CountDownLatch(1);
    try {
      loop.execute(() -> {
        try {
          blockTheLoopFor(release);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      await().atMost(Duration.ofSeconds(5)).until(() -> statsOf("t-bad-threshold").stalledNow());
      String issue = Diagnostics.diagnoseEventLoopIssues().stream()
          .filter(i -> i.contains("'t-bad-threshold'")).findFirst().orElseThrow();

      assertThat(issue).contains("(threshold 250 ms)").doesNotContain(bad);
      assertThat(warnings(log)).filteredOn(m -> m.contains("fftt.stallMillis")).singleElement()
          .asString().contains("fftt.stallMillis='" + bad + "'").contains("using the default 250");
      assertThat(warnings(log)).filteredOn(m -> m.contains("'t-bad-threshold' is stalled"))
          .singleElement().asString().contains("(threshold 250 ms)");
    } finally {
      System.clearProperty("fftt.stallMillis");
      logger.detachAppender(log);
      release.countDown();
      loop.shutdown();
    }
  }

  private static List<String> warnings(ListAppender<ILoggingEvent> log) {
    synchronized (log) { // AppenderBase appends under its own lock, on the watchdog thread
      return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void aBusyButResponsiveLoopIsNotStalled() throws Exception {
    EventLoop loop = EventLoops.start("t-busy");
    try {
      for (int i = 0; i < 30; i++) {
        loop.execute(() -> {
          long until = System.nanoTime() + 1_000_000; // 1 ms of work each: 30 ms in all, far below 250
          while (System.nanoTime() < until) {
            Thread.onSpinWait();
          }
        });
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> statsOf("t-busy").pending() == 0);
      assertThat(statsOf("t-busy").stalls()).isZero();
    } finally {
      loop.shutdown();
    }
  }

  static LoopStats statsOf(String name) {
    return Diagnostics.healthReport().loops().stream().filter(l -> l.name().equals(name))
        .findFirst().orElse(null);
  }
}
