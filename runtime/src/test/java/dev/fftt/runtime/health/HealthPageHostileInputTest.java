package dev.fftt.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.HealthServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The health page against hostile clients, over raw loopback sockets (a real HTTP client would
 * tidy the requests up): generated unknown paths and methods, huge headers and URLs, many
 * connections at once, slow clients, missing and wrong tokens, a client that goes away
 * mid-response. Each gets the documented status (or, for what the JDK's server itself refuses,
 * a closed connection or a 4xx, never a 2xx or a 500); afterwards the page still answers, and
 * the threads serving it stay bounded (one {@code fftt-health} thread and the JDK's dispatcher).
 */
@Isolated
@Timeout(180)
class HealthPageHostileInputTest {

  private static final String TOKEN = "s3cret-Token_42";
  private HealthServer server;
  private int port;

  @BeforeEach
  void serve() {
    System.setProperty("fftt.health.token", TOKEN);
    server = Diagnostics.serveHealth(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    port = server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
    System.clearProperty("fftt.health.token");
  }

  /** One request on a fresh connection; the status line, or what happened instead. */
  String exchange(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return statusLine(s.getInputStream());
    } catch (java.net.SocketException e) {
      return "closed (" + e.getMessage() + ")";
    }
  }

  static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != -1 && c != '\n'; ) {
      line.append((char) c);
    }
    String l = line.toString().trim();
    return l.isEmpty() ? "closed" : l.startsWith("HTTP/1.1 ") ? l.substring(9, 12) : l;
  }

  static String get(String path, String... headers) {
    StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  /** Threads that serve the page: its own and the JDK server's dispatcher. */
  static long pageThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
        && (t.getName().equals("fftt-health") || t.getName().startsWith("HTTP-Dispatcher")))
        .count();
  }

  void pageStillAnswers() throws IOException {
    assertThat(exchange(get("/fftt/health", "Authorization: Bearer " + TOKEN))).isIn("200", "503");
    assertThat(exchange(get("/fftt/"))).isEqualTo("200");
  }

  @Test
  void generatedPathsMethodsAndTokensGetTheDocumentedStatus() throws IOException {
    SplittableRandom random = new SplittableRandom(23);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    String[] known = {"/fftt/health", "/fftt/", "/fftt"};
    String[] methods = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get",
        "Get", "PROPFIND", "M" + "X".repeat(200)};
    // The scheme is matched in any case and the token trimmed (BearerToken), and the server
    // trims a header's value: "bearer <token>", "Bearer  <token>", "Bearer <token> " are admitted
    String[] goodTokens = {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN,
        "Bearer  " + TOKEN, "Bearer " + TOKEN + " "};
    String[] badTokens = {"", "Bearer", "Bearer ", "Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1),
        "Basic " + TOKEN, TOKEN, "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT),
        "Bearer \u00e9" + TOKEN, "Bearer " + "A".repeat(10_000)};
    int cases = Integer.getInteger("fftt.hostile.pageCases", 600);
    for (int i = 0; i < cases; i++) {
      String request;
      String expected;
      switch (random.nextInt(4)) {
        case 0 -> { // an unknown path: 404
          String path = unknownPath(random, known);
          request = get(path);
          expected = "404";
        }
        case 1 -> { // a known path, another method: 405
          String method = methods[random.nextInt(methods.length)];
          String path = known[random.nextInt(known.length)];
          request = method + " " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
              + "Connection: close\r\n\r\n";
          expected = "405";
        }
        case 2 -> { // the JSON without the right token: 401
          String token = badTokens[random.nextInt(badTokens.length)];
          request = token.isEmpty() ? get("/fftt/health")
              : get("/fftt/health", "Authorization: " + token);
          expected = "401";
        }
        default -> { // the JSON with it: 200 (or 503, the report's own status)
          request = get("/fftt/health" + (random.nextBoolean() ? "?x=" + random.nextInt() : ""),
              "Authorization: " + goodTokens[random.nextInt(goodTokens.length)]);
          expected = "200";
        }
      }
      String status = exchange(request);
      outcomes.merge(expected + "->" + status, 1, Integer::sum);
      boolean ok = status.equals(expected) || expected.equals("200") && status.equals("503")
          // a path that is not a valid URI (a bad %-escape) the JDK's server refuses itself
          || expected.equals("404") && status.equals("400") && badEscape(request);
      if (!ok) {
        wrong.add(expected + " expected, got " + status + " for "
            + request.substring(0, Math.min(200, request.length())).replace("\r\n", "\\r\\n"));
      }
    }
    System.out.println("FFTT hostile health page: " + cases + " requests: " + outcomes);
    assertThat(wrong).isEmpty();
    assertThat(pageThreads()).isLessThanOrEqualTo(2);
    pageStillAnswers();
  }

  private static boolean badEscape(String request) {
    String path = request.substring(request.indexOf(' ') + 1, request.indexOf(" HTTP/1.1"));
    return !path.replaceAll("%[0-9A-Fa-f]{2}", "").chars().allMatch(c -> c != '%');
  }

  private static String unknownPath(SplittableRandom r, String[] known) {
    String[] parts = {"/", "fftt", "health", "..", "%2e%2e", "%00", "%2F", "index.html", "x",
        "\u00e9", ";", "//", "fftt/health/", "FFTT", "etc/passwd", "~", "%", "*"};
    for (;;) {
      StringBuilder b = new StringBuilder("/");
      for (int n = r.nextInt(6); n > 0; n--) {
        b.append(parts[r.nextInt(parts.length)]);
      }
      String path = b.toString().replace("\u00e9", "%C3%A9");
      boolean isKnown = java.util.Arrays.asList(known).contains(path) || path.startsWith("/fftt/")
          && !path.startsWith("/fftt/health") && path.length() < 7;
      // the page's own files are known too: leave out anything under /fftt/ but clearly not one
      if (!isKnown && !(path.startsWith("/fftt/") && path.matches("/fftt/[a-z]+\\.(js|css|html)"))
          && !path.startsWith("/fftt/?")) {
        return path;
      }
    }
  }

  @Test
  void hugeHeadersAndUrlsAreRefusedAndThePageGoesOn() throws IOException {
    Map<String, String> outcomes = new TreeMap<>();
    outcomes.put("64 KiB path", exchange(get("/" + "a".repeat(64 * 1024))));
    outcomes.put("1 MiB path", exchange(get("/fftt/" + "a".repeat(1 << 20))));
    outcomes.put("64 KiB header", exchange(get("/fftt/health", "X-Big: " + "b".repeat(64 * 1024),
        "Authorization: Bearer " + TOKEN)));
    outcomes.put("1 MiB header", exchange(get("/fftt/health", "X-Big: " + "b".repeat(1 << 20),
        "Authorization: Bearer " + TOKEN)));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    outcomes.put("5,000 headers", exchange(get("/fftt/health", many.toString().trim(),
        "Authorization: Bearer " + TOKEN)));
    outcomes.put("1 MiB token", exchange(get("/fftt/health",
        "Authorization: Bearer " + "t".repeat(1 << 20))));
    System.out.println("FFTT hostile health page, huge requests: " + outcomes);

    // Never served as if fine, never a 500: a 4xx of the page, or the JDK's server refusing
    assertThat(outcomes.get("64 KiB path")).matches("404|400|413|414|431|closed.*");
    assertThat(outcomes.get("1 MiB path")).matches("404|400|413|414|431|closed.*");
    assertThat(outcomes.get("1 MiB token")).matches("401|400|413|431|closed.*");
    for (String status : outcomes.values()) {
      assertThat(status).doesNotStartWith("5");
    }
    assertThat(pageThreads()).isLessThanOrEqualTo(2);
    pageStillAnswers();
  }

  @Test
  void manyConnectionsAtOnceAreAllAnsweredByOneThread() throws Exception {
    int connections = 200;
    ExecutorService clients = Executors.newFixedThreadPool(32);
    try {
      List<Future<String>> answers = new ArrayList<>();
      long maxThreads = 0;
      for (int i = 0; i < connections; i++) {
        answers.add(clients.submit(
            (Callable<String>) () -> exchange(get("/fftt/health", "Authorization: Bearer " + TOKEN))));
        maxThreads = Math.max(maxThreads, pageThreads());
      }
      Map<String, Integer> statuses = new TreeMap<>();
      for (Future<String> a : answers) {
        statuses.merge(a.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        maxThreads = Math.max(maxThreads, pageThreads());
      }
      System.out.println("FFTT hostile health page, " + connections + " connections at once: "
          + statuses + ", page threads at most " + maxThreads);
      assertThat(statuses.keySet()).isSubsetOf("200", "503");
      assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(connections);
      assertThat(maxThreads).isLessThanOrEqualTo(2);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aClientThatGoesAwayMidResponseLeavesThePageServing() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoLinger(true, 0); // close with a reset, as a client that crashed
        s.getOutputStream().write(get("/fftt/app.js").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).isEqualTo('H'); // the reply has begun
      }
    }
    assertThat(pageThreads()).isLessThanOrEqualTo(2);
    pageStillAnswers();
  }

  /**
   * A client that stalls in the middle of its request holds the page's one thread (the JDK's
   * server reads a request on the thread that answers it, with no time limit of its own): the
   * page answers no one else until that client sends the rest or goes away; the application's
   * own work goes on, and no thread is added. Documented in the README (bind loopback).
   */
  @Test
  void aSlowClientHoldsOnlyThePageAndOnlyWhileItStalls() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = slow.getOutputStream();
      out.write(("GET /fftt/health HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
          + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Future<String> waiting = other.submit(() -> exchange(get("/fftt/health",
          "Authorization: Bearer " + TOKEN)));

      // the application is not affected: a guarded call runs and ends meanwhile
      String value = dev.fftt.runtime.Async.<String>guard("hostile.page.app")
          .withTimeout(Duration.ofSeconds(5)).build()
          .call(() -> java.util.concurrent.CompletableFuture.supplyAsync(() -> "fine"))
          .get(5, TimeUnit.SECONDS);
      assertThat(value).isEqualTo("fine");
      assertThat(pageThreads()).isLessThanOrEqualTo(2);
      assertThat(waiting.isDone()).as("the page answered while a request was half sent").isFalse();

      // the slow client finishes its request: it is answered, then so is the one that waited
      out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      slow.setSoTimeout(20_000);
      assertThat(statusLine(slow.getInputStream())).isIn("200", "503");
      assertThat(waiting.get(20, TimeUnit.SECONDS)).isIn("200", "503");
    } finally {
      other.shutdownNow();
    }
    pageStillAnswers();
  }
}
