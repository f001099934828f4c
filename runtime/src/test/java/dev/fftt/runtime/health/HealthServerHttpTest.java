package dev.fftt.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The health page over real HTTP: every status, every header, HEAD, the token, the threads. */
@Isolated
class HealthServerHttpTest {

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";
  private static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private HealthServer server;
  private Http http;

  @BeforeAll
  static void noTokenFromTheEnvironment() {
    assertThat(System.getenv("FFTT_HEALTH_TOKEN"))
        .as("these tests set the token themselves; unset FFTT_HEALTH_TOKEN to run them").isNull();
  }

  @BeforeEach
  void serve() {
    Diagnostics.reset();
    server = Diagnostics.serveHealth(ANY_LOOPBACK_PORT);
    http = new Http(server);
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("fftt.health.token");
    Diagnostics.reset();
  }

  /** The three headers every response carries, errors included. */
  static void assertSecurityHeaders(HttpResponse<?> response) {
    assertThat(response.headers().firstValue("Cache-Control")).as("%s", response).hasValue("no-store");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).as("%s", response)
        .hasValue("nosniff");
    assertThat(response.headers().firstValue("Content-Security-Policy")).as("%s", response)
        .hasValue(CSP);
  }

  @Test
  void theJsonIsTheHealthReportWith200WhenHealthy() {
    AsyncGuard<String> guard = Async.<String>guard("http.ok").monitored().build();
    guard.call(() -> CompletableFuture.completedFuture("a"));

    HttpResponse<String> response = http.get("/fftt/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertSecurityHeaders(response);
    assertThat(response.body()).startsWith("{\"status\":\"HEALTHY\",\"operations\":[{\"name\":\"http.ok\","
        + "\"calls\":1,\"successes\":1,");
    assertThat(response.body()).isEqualTo(Diagnostics.healthReport().toJson());
  }

  @Test
  void degradedIsStill200() {
    AsyncGuard<String> guard = Async.<String>guard("http.breaker")
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5)
        .delay(Duration.ofHours(1)).done().build();
    guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    guard.call(() -> CompletableFuture.failedFuture(new IOException("down")));

    HttpResponse<String> response = http.get("/fftt/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"status\":\"DEGRADED\"")
        .contains("\"name\":\"http.breaker\",\"state\":\"OPEN\"");
  }

  @Test
  void unhealthyIs503WithTheReport() throws Exception {
    EventLoop loop = EventLoops.start("http-stalled");
    CountDownLatch release = new CountDownLatch(1);
    try {
      loop.execute(() -> {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/fftt/health").statusCode() == 503);

      HttpResponse<String> response = http.get("/fftt/health");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/json; charset=utf-8");
      assertSecurityHeaders(response);
      assertThat(response.body()).startsWith("{\"status\":\"UNHEALTHY\"")
          .contains("event loop 'http-stalled' is stalled");
    } finally {
      release.countDown();
      loop.shutdown();
    }
  }

  @Test
  void thePageAndItsFilesAreServedWithTheirTypes() {
    HttpResponse<String> page = http.get("/fftt/");
    HttpResponse<String> script = http.get("/fftt/page.js");
    HttpResponse<String> style = http.get("/fftt/page.css");
    HttpResponse<String> icon = http.get("/fftt/favicon.svg");

    for (HttpResponse<String> r : List.of(page, script, style, icon)) {
      assertThat(r.statusCode()).as("%s", r).isEqualTo(200);
      assertSecurityHeaders(r);
    }
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    // self-contained, and nothing the policy would have to allow inline
    assertThat(page.body()).contains("<script src=\"page.js\" defer></script>")
        .contains("<link rel=\"stylesheet\" href=\"page.css\">")
        .doesNotContain("http:", "https:", "//", "style=", "<style", "onload", "onclick");
    assertThat(page.body().split("<script", -1)).hasSize(2);
    assertThat(script.body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
        "document.write", "eval(", "http:", "https:");
    assertThat(style.body()).doesNotContain("@import", "url(");
  }

  @Test
  void theBarePathRedirectsToThePage() {
    HttpResponse<String> response = http.get("/fftt");

    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).hasValue("/fftt/");
    assertSecurityHeaders(response);
    assertThat(http.head("/fftt").statusCode()).isEqualTo(301);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/fftt/nope", "/fftt/health/", "/fftt//health", "/FFTT/",
      "/fftt/%68ealth", "/fftt/../fftt/health", "/favicon.ico", "/fftt/page.html"})
  void otherPathsAre404(String path) {
    HttpResponse<String> response = http.get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertSecurityHeaders(response);
    assertThat(http.send("POST", path).statusCode()).as("an unknown path is 404 for any method")
        .isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get"})
  void otherMethodsAre405(String method) {
    for (String path : List.of("/fftt/health", "/fftt/", "/fftt/page.js", "/fftt")) {
      HttpResponse<String> response = http.send(method, path);

      assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertSecurityHeaders(response);
    }
  }

  @Test
  void headIsAnsweredWhereverGetIsWithTheSameHeadersAndNoBody() {
    for (String path : List.of("/fftt/", "/fftt/page.js", "/fftt/page.css", "/fftt/favicon.svg",
        "/fftt/health")) {
      HttpResponse<String> get = http.get(path);
      HttpResponse<String> head = http.head(path);

      assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode()).isEqualTo(200);
      assertThat(head.body()).as(path).isEmpty();
      assertThat(head.headers().firstValue("Content-Type")).as(path)
          .isEqualTo(get.headers().firstValue("Content-Type"));
      assertSecurityHeaders(head);
      if (!path.equals("/fftt/health")) { // the report may change between the two
        assertThat(head.headers().firstValue("Content-Length")).as(path)
            .hasValue(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
      }
    }
  }

  @Test
  void aQueryStringIsIgnored() {
    assertThat(http.get("/fftt/health?pretty=1").statusCode()).isEqualTo(200);
    assertThat(http.get("/fftt/?x=%3Cb%3E").statusCode()).isEqualTo(200);
  }

  @Test
  void withATokenTheJsonNeedsTheBearerHeaderAndTheFilesDoNot() {
    server.close();
    System.setProperty("fftt.health.token", "s3cret-Token");
    server = Diagnostics.serveHealth(ANY_LOOPBACK_PORT);
    http = new Http(server);

    HttpResponse<String> none = http.get("/fftt/health");
    HttpResponse<String> wrong = http.get("/fftt/health", "Authorization", "Bearer s3cret-Tokem");
    HttpResponse<String> prefix = http.get("/fftt/health", "Authorization", "Bearer s3cret");
    HttpResponse<String> basic = http.get("/fftt/health", "Authorization", "Basic s3cret-Token");
    HttpResponse<String> right = http.get("/fftt/health", "Authorization", "Bearer s3cret-Token");
    HttpResponse<String> lowerScheme =
        http.get("/fftt/health", "Authorization", "bearer s3cret-Token");

    for (HttpResponse<String> refused : List.of(none, wrong, prefix, basic)) {
      assertThat(refused.statusCode()).as("%s", refused.request().headers()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fftt\"");
      assertThat(refused.body()).doesNotContain("s3cret").doesNotContain("\"status\"");
      assertSecurityHeaders(refused);
    }
    assertThat(http.head("/fftt/health").statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.body()).startsWith("{\"status\":");
    assertThat(lowerScheme.statusCode()).isEqualTo(200);
    for (String file : List.of("/fftt/", "/fftt/page.js", "/fftt/page.css", "/fftt/favicon.svg")) {
      assertThat(http.get(file).statusCode()).as(file).isEqualTo(200);
    }
    assertThat(http.get("/fftt").statusCode()).isEqualTo(301);
  }

  @Test
  void theServingThreadIsOneDaemonNamedFfttHealthAndGoesWithClose() {
    List<Thread> serving = threadsNamed("fftt-health");
    assertThat(serving).hasSize(1);
    assertThat(serving.get(0).isDaemon()).isTrue();
    assertThat(threadsNamed("HTTP-Dispatcher")).as("the JDK's own thread must not keep the JVM alive")
        .isNotEmpty().allMatch(Thread::isDaemon);
    http.get("/fftt/health");

    server.close();

    await().atMost(Duration.ofSeconds(30)).until(() -> threadsNamed("fftt-health").isEmpty());
    assertThat(threadsNamed("HTTP-Dispatcher")).isEmpty();
  }

  @Test
  void closeFreesThePortAtOnceAndTwiceDoesNothing() throws IOException {
    int port = server.address().getPort();

    server.close();
    server.close();

    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortInUseIsAClearExceptionAndLeavesNothingRunning() throws IOException {
    int threadsBefore = threadsNamed("fftt-health").size();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());

      assertThatThrownBy(() -> Diagnostics.serveHealth(address))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot serve the FFTT health page at 127.0.0.1:"
              + taken.getLocalPort() + ": ")
          .hasCauseInstanceOf(BindException.class);
    }
    assertThat(threadsNamed("fftt-health")).hasSize(threadsBefore);
  }

  @Test
  void theAddressIsTheBoundOneAndBadAddressesAreRefused() {
    assertThat(server.address().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(server.address().getPort()).isPositive();
    assertThat(server).hasToString("HealthServer[http://127.0.0.1:" + server.address().getPort()
        + "/fftt/]");
    assertThatThrownBy(() -> Diagnostics.serveHealth(null))
        .isInstanceOf(NullPointerException.class).hasMessage("address must not be null");
    assertThatThrownBy(() -> Diagnostics.serveHealth(
        InetSocketAddress.createUnresolved("no-such-host.invalid", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not resolve");
  }

  @Test
  void anInterruptedCallerGetsItsServerAndKeepsTheFlag() {
    server.close();
    Thread.currentThread().interrupt();
    try {
      server = Diagnostics.serveHealth(ANY_LOOPBACK_PORT);

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    http = new Http(server);
    assertThat(http.get("/fftt/health").statusCode()).isEqualTo(200);
  }

  static List<Thread> threadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive())
        .collect(java.util.stream.Collectors.toList());
  }
}
