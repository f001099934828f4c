package dev.fftt.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's executable jar, run as users run it: {@code java -javaagent:<the built agent> -jar
 * <the jar>} on a free port. Woven {@code @Service} methods are guarded inside Spring Boot's own
 * class loader; the request id the application puts in its MDC reaches the delayed retry
 * attempts, the runOn loop and the completion callbacks; the runtime's own lines go to the
 * application's Logback; {@code /actuator/health} shows the {@code fftt} component.
 *
 * <p>java.util.logging is sent to a file of its own here: Spring Boot otherwise bridges it into
 * SLF4J, so a runtime line falling back to System.Logger would show in Logback's output too and
 * hide that the runtime did not find the application's SLF4J.
 */
class QuoteSampleIT {

  /** The sample's pattern: time, level, [thread], [req=MDC requestId], logger : message. */
  private static final Pattern LINE = Pattern.compile(
      "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(?<level>[A-Z]+) \\[(?<thread>[^\\]]*)\\] \\[req=(?<req>[^\\]]*)\\]"
      + " (?<logger>\\S+) +: (?<message>.*)$");
  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  private static Process app;
  private static Path console;
  private static Path jul;
  private static HttpClient http;
  private static String base;

  @BeforeAll
  static void startTheJarWithTheAgent() throws Exception {
    Path work = Files.createDirectories(Path.of(property("fftt.work.dir")));
    console = work.resolve("console.log");
    jul = work.resolve("jul.log");
    Files.deleteIfExists(jul);
    Path julConfig = work.resolve("jul.properties");
    Files.writeString(julConfig, "handlers=java.util.logging.FileHandler\n"
        + "java.util.logging.FileHandler.pattern=" + jul.toString().replace("\\", "/") + "\n"
        + "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    app = new ProcessBuilder(java, "-javaagent:" + existing("fftt.agent.jar") + "=log=debug",
        "-Djava.util.logging.config.file=" + julConfig, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-jar", existing("fftt.sample.jar").toString(), "--server.port=0",
        "--server.address=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    String port = await("the sample's start").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(QuoteSampleIT::portOrExit, found -> found.isPresent()).orElseThrow();
    base = "http://127.0.0.1:" + port;
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aRetriedCallCarriesTheRequestIdIntoItsDelayedAttemptsAndItsCompletion() throws Exception {
    HttpResponse<String> reply = get("/quotes/ACME", "r-retry");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains("\"symbol\":\"ACME\"");
    // attempts 2 and 3 ran after a 200 ms pause, on FFTT's threads, with the caller's MDC
    Matcher second = awaitLine("fetch ACME attempt 2", "r-retry");
    assertThat(second.group("thread")).startsWith("fftt-completion-");
    awaitLine("fetch ACME attempt 3", "r-retry");
    Matcher answered = awaitLine("quote ACME answered: Quote[symbol=ACME", "r-retry");
    assertThat(answered.group("thread")).doesNotContain("-exec-"); // not the request thread
    assertThat(operation("quote_fetch").path("retries").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aTimeoutFailsTheCallAndItsCallbackSeesTheRequestId() throws Exception {
    HttpResponse<String> reply = get("/quotes/ACME/history", "r-timeout");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(504);
    assertThat(reply.body()).isEqualTo("quote_history timed out after 300 ms");
    Matcher ended = awaitLine("history ACME ended: dev.fftt.runtime.AsyncTimeoutException", "r-timeout");
    assertThat(ended.group("thread")).startsWith("fftt-completion-");
    assertThat(operation("quote_history").path("timeouts").asLong()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theRunOnBodyRunsOnThePricingLoopWithTheRequestId() throws Exception {
    HttpResponse<String> reply = get("/quotes/ACME/in/EUR", "r-loop");

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains("\"currency\":\"EUR\"");
    Matcher body = awaitLine("convert ACME to EUR on the pricing loop", "r-loop");
    assertThat(body.group("thread")).isEqualTo("fftt-loop-pricing");
  }

  @Test
  void theRuntimesOwnLinesGoThroughTheApplicationsLogback() throws Exception {
    get("/quotes/INIT", "r-log"); // the first call of a woven method is where its policy is logged

    // in the sample's Logback pattern, under logger dev.fftt (java.util.logging goes to a file here)
    Matcher line = awaitLine("FFTT agent: QuoteService.fetch guarded by GuardPolicy[quote_fetch", null);
    assertThat(line.group("logger")).isEqualTo("dev.fftt");
    assertThat(line.group("level")).isEqualTo("INFO");
    // the agent's lines from before the application ran went to System.Logger
    assertThat(Files.readString(jul, StandardCharsets.UTF_8)).contains("FFTT agent: version");
  }

  @Test
  void healthShowsTheFfttComponentUpWhileDegraded() throws Exception {
    for (int i = 1; i <= 5; i++) {
      HttpResponse<String> reply = get("/quotes/ACME/news", "r-news-" + i);
      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("no news for ACME"); // the fallback, breaker open or not
    }
    awaitLine("news ACME: fallback after CircuitBreakerOpenException", "r-news-5");

    JsonNode health = health();
    assertThat(health.path("status").asText()).isEqualTo("UP");
    JsonNode fftt = health.path("components").path("fftt");
    assertThat(fftt.path("status").asText()).isEqualTo("UP");
    assertThat(fftt.path("details").path("status").asText()).isEqualTo("DEGRADED");
    assertThat(fftt.path("details").path("circuitBreakers").toString())
        .contains("\"name\":\"quote_news\",\"state\":\"OPEN\"");
    assertThat(fftt.path("details").path("issues").toString())
        .contains("circuit breaker 'quote_news' is OPEN");
  }

  @Test
  void prometheusShowsTheFfttSeriesOnce() throws Exception {
    assertThat(get("/quotes/INITECH", "r-metrics").statusCode()).isEqualTo(200);
    long calls = operation("quote_fetch").path("calls").asLong();

    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(
        URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    // the agent's exporter binds Metrics.globalRegistry, which holds Spring Boot's Prometheus
    // registry: each fftt series once, and its count what the health report counts
    long counted = reply.body().lines()
        .filter(l -> l.startsWith("fftt_calls_seconds_count{") && l.contains("operation=\"quote_fetch\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
    assertThat(counted).as(reply.body()).isEqualTo(calls);
    assertThat(reply.body()).contains("fftt_circuitbreaker_state{");
  }

  // ---- helpers ----

  private static HttpResponse<String> get(String path, String requestId) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(30)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode health() throws Exception {
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return new ObjectMapper().readTree(reply.body());
  }

  private static JsonNode operation(String name) throws Exception {
    JsonNode operations = health().path("components").path("fftt").path("details").path("operations");
    return StreamSupport.stream(operations.spliterator(), false)
        .filter(op -> op.path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no operation " + name + " in " + operations));
  }

  /** Waits (bounded) for a console line whose message starts so, with that MDC id (any when null). */
  private static Matcher awaitLine(String messageStart, String requestId) {
    return await(messageStart).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> line(messageStart, requestId), Optional::isPresent).orElseThrow();
  }

  private static Optional<Matcher> line(String messageStart, String requestId) {
    for (String text : consoleLines()) {
      Matcher m = LINE.matcher(text);
      if (m.matches() && m.group("message").startsWith(messageStart)
          && (requestId == null || m.group("req").equals(requestId))) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> portOrExit() {
    if (!app.isAlive()) {
      throw new AssertionError("the sample exited (" + app.exitValue() + "):\n"
          + String.join("\n", consoleLines()));
    }
    for (String text : consoleLines()) {
      Matcher m = PORT.matcher(text);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static List<String> consoleLines() {
    try {
      return List.of(Files.readString(console, StandardCharsets.UTF_8).split("\\R"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(String property) {
    Path path = Path.of(property(property));
    assertThat(path).as(property).exists();
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set: run through"
          + " maven-failsafe-plugin (`mvn verify`)");
    }
    return value;
  }
}
