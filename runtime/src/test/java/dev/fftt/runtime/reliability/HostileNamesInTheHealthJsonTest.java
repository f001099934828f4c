package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthReport;
import dev.fftt.runtime.internal.guard.Guard;
import dev.fftt.runtime.internal.guard.GuardPolicy;
import dev.fftt.runtime.internal.monitor.HealthRule;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.reliability.testing.StrictJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Operation and loop names that would break a hand-written JSON document — quotes, backslashes,
 * an attempt to close the document early, control characters, U+2028/U+2029, a lone surrogate —
 * come back unchanged from the health report's JSON, sent as UTF-8 and read by a strict parser;
 * so do the issue texts that quote them; the table is written too.
 */
class HostileNamesInTheHealthJsonTest {

  private static final List<String> NAMES = List.of(
      "rel.json.quote\"inside",
      "rel.json.back\\slash\\",
      "rel.json.\"}],\"status\":\"HEALTHY\",\"operations\":[{\"name\":\"",
      "rel.json.new\nline\r\nand\ttab",
      "rel.json.nul\u0000unit\u001fdel\u007f",
      "rel.json.backspace\bformfeed\f",
      "rel.json.line\u2028para\u2029sep",
      "rel.json.</script><!--",
      "rel.json.emoji\uD83D\uDE00 Ωμέγα 名前",
      "rel.json.lone\uD83D",
      "rel.json.\\u0022not an escape");

  @Test
  @SuppressWarnings("unchecked")
  void hostileNamesRoundTripThroughTheHealthJson() {
    // Given operations under hostile names, each with a success, failures (enough calls for the
    // status to count them) and a late result
    int calls = Math.max(3, HealthRule.minimumCalls());
    for (String name : NAMES) {
      GuardPolicy policy = GuardPolicy.builder(name).monitor(name)
          .timeout(Duration.ofMillis(10), false).build();
      Guard.call(policy, () -> CompletableFuture.completedFuture("ok"));
      for (int i = 2; i < calls; i++) {
        Guard.call(policy, () -> CompletableFuture.failedFuture(new IOException("no")));
      }
      CompletableFuture<String> slow = new CompletableFuture<>();
      CompletableFuture<String> timedOut = Guard.call(policy, () -> slow);
      await().atMost(Duration.ofSeconds(5)).until(timedOut::isDone);
      slow.complete("late");
      assertThat(Monitors.get(name).lateCompletions()).isEqualTo(1);
    }
    List<EventLoop> loops = new ArrayList<>();
    try {
      for (String name : NAMES.subList(0, 4)) {
        loops.add(EventLoops.start(name.replace("rel.json.", "rel-json-")));
      }

      // When the report is written as JSON and sent as UTF-8
      HealthReport report = Diagnostics.healthReport();
      String json = report.toJson();
      String received = new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      Map<String, Object> parsed = (Map<String, Object>) StrictJson.parse(received);

      // Then it is strict JSON with the contract's shape, and every name comes back unchanged
      assertThat(json.chars()).noneMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029);
      assertThat(parsed).containsOnlyKeys("status", "operations", "loops", "issues",
          "circuitBreakers", "bulkheads");
      assertThat(parsed.get("status")).isEqualTo("DEGRADED");
      List<Map<String, Object>> operations = (List<Map<String, Object>>) parsed.get("operations");
      assertThat(operations).extracting(o -> o.get("name")).containsAll(NAMES);
      for (Map<String, Object> o : operations) {
        assertThat(o).containsOnlyKeys("name", "calls", "successes", "failures", "timeouts",
            "cancellations", "retries", "fallbacks", "rejections", "inFlight", "latencyMillis");
        for (String count : List.of("calls", "successes", "failures", "timeouts", "cancellations",
            "retries", "inFlight")) {
          assertThat(((BigDecimal) o.get(count)).scale()).as("%s is an integer", count).isZero();
        }
        assertThat((Map<String, Object>) o.get("latencyMillis")).containsOnlyKeys("p50", "p99", "max");
        if (NAMES.contains(o.get("name"))) {
          assertThat(o.get("calls")).isEqualTo(BigDecimal.valueOf(calls));
          assertThat(o.get("timeouts")).isEqualTo(BigDecimal.ONE);
        }
      }
      List<Map<String, Object>> loopList = (List<Map<String, Object>>) parsed.get("loops");
      assertThat(loopList).extracting(l -> l.get("name"))
          .containsAll(loops.stream().map(EventLoop::name).toList());
      List<String> issues = (List<String>) parsed.get("issues");
      assertThat(issues).isEqualTo(report.issues());
      for (String name : NAMES) {
        assertThat(issues).as("issues quoting %s", name)
            .anyMatch(i -> i.contains("'" + name + "'") && i.contains("failed or timed out"))
            .anyMatch(i -> i.contains("'" + name + "'") && i.contains("after their timeout"));
      }
      assertThatCode(report::toTable).doesNotThrowAnyException();
    } finally {
      loops.forEach(EventLoop::shutdown);
    }
  }
}
