package dev.fftt.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import dev.fftt.runtime.HealthServer;
import dev.fftt.runtime.LoopStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The health page in a real browser: Debian's headless Chromium driven by its chromedriver
 * (named explicitly: Selenium Manager is never asked, it cannot download anything here). The
 * runtime under the page is this test JVM's, with real operations, a stalled loop, an open
 * breaker, a full bulkhead and the issues they cause. Leaves {@code target/health-page.png}.
 */
@Isolated
class HealthPageBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final int WIDTH = 1280;
  static final int HEIGHT = 1000;
  static final String HOSTILE_OPERATION = "<img src=x onerror=alert(1)>";
  static final String HOSTILE_LOOP = "<script>alert(2)</script>\"'&";
  static final Duration PAGE_CHANGE = Duration.ofSeconds(30); // a 2 s refresh on a busy machine

  private static ChromeDriverService service;
  private static ChromeDriver browser;

  private HealthServer server;
  private final List<Runnable> cleanups = new ArrayList<>();

  @BeforeAll
  static void startTheBrowser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail("the health page's browser test needs Debian's Chromium and its driver at " + CHROMIUM
          + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
    }
    // The driver named twice (property and service): with an executable, Selenium never asks
    // Selenium Manager, which would try to download one.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(new File("target/chromedriver.log"))
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-GB");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    // The window's size includes what a headless window still reserves; fix the page's own.
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
        "width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
  }

  @AfterAll
  static void stopTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  @BeforeEach
  void serve() {
    Diagnostics.reset();
    server = Diagnostics.serveHealth(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @AfterEach
  void cleanUp() {
    server.close();
    cleanups.forEach(Runnable::run);
    System.clearProperty("fftt.health.token");
    Diagnostics.reset();
    browserLog(); // drained, so the next test reads only its own
  }

  @Test
  void rendersEverySectionOfALiveRuntimeAsText() throws Exception {
    // Given: operations (one with a hostile name), a loop that stalled, an open breaker, a
    // bulkhead with every permit taken and one waiting, and a loop with a hostile name
    AsyncGuard<String> orders = Async.<String>guard("page.orders").monitored().build();
    for (int i = 0; i < 3; i++) {
      orders.call(() -> CompletableFuture.completedFuture("ok"));
    }
    orders.call(() -> CompletableFuture.failedFuture(new IOException("refused")));
    Async.<String>guard(HOSTILE_OPERATION).monitored().build()
        .call(() -> CompletableFuture.completedFuture("x"));
    AsyncGuard<String> payments = Async.<String>guard("page.payments").monitored()
        .withCircuitBreaker().requestVolumeThreshold(2).failureRatio(0.5)
        .delay(Duration.ofHours(1)).done().build();
    payments.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    payments.call(() -> CompletableFuture.failedFuture(new IOException("down")));
    AsyncGuard<String> search = Async.<String>guard("page.search")
        .withBulkhead().limit(2).queueSize(2).done().build();
    CompletableFuture<String> held = new CompletableFuture<>();
    cleanups.add(() -> held.complete("released"));
    for (int i = 0; i < 3; i++) {
      search.call(() -> held);
    }
    stallOnce("page-ui");
    EventLoop hostileLoop = EventLoops.start(HOSTILE_LOOP);
    cleanups.add(hostileLoop::shutdown);

    // When
    browser.get(pageUrl(""));
    awaitFreshData();

    // Then: every section, each as text
    assertThat(text("#status")).isEqualTo("DEGRADED");
    assertThat(browser.findElement(org.openqa.selenium.By.id("status")).getAttribute("class"))
        .contains("status-DEGRADED");
    assertThat(browser.getTitle()).isEqualTo("FFTT health: DEGRADED");
    assertThat(rows("operations")).contains(
        List.of("page.orders", "4", "3", "1", "0", "0", "0", "0", "0", "0"),
        List.of(HOSTILE_OPERATION, "1", "1", "0", "0", "0", "0", "0", "0", "0"));
    assertThat(rows("loops")).contains(List.of("page-ui", "0", "1"), List.of(HOSTILE_LOOP, "0", "0"));
    assertThat(rows("breakers")).contains(List.of("page.payments", "OPEN", "0", "0", "2", "1", "0"));
    assertThat(rows("bulkheads")).contains(List.of("page.search", "2", "2", "1", "2", "2", "0"));
    List<String> issues = issues();
    assertThat(issues).anyMatch(i -> i.startsWith("circuit breaker 'page.payments' is OPEN"));
    assertThat(issues).anyMatch(i -> i.startsWith("event loop 'page-ui' stalled 1 time(s)"));
    // latency cells are numbers with one decimal
    assertThat(fullRow("operations", "page.orders").subList(10, 13))
        .allMatch(cell -> cell.matches("\\d+\\.\\d"));
    // the hostile names stayed text: nothing was made of them, no script ran
    assertThat(count("img")).isZero();
    assertThat(count("script")).isEqualTo(1); // page.js
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(text("#stale-visible")).isEqualTo("false");
    assertThat(severeBrowserLog()).as("no script error, no blocked resource, no policy violation")
        .isEmpty();

    screenshot();
  }

  @Test
  void followsTheCountsAsTheyChange() {
    AsyncGuard<String> orders = Async.<String>guard("page.live").monitored().build();
    orders.call(() -> CompletableFuture.completedFuture("ok"));
    browser.get(pageUrl(""));
    await().atMost(PAGE_CHANGE).until(() -> calls("page.live").equals("1"));

    for (int i = 0; i < 4; i++) {
      orders.call(() -> CompletableFuture.completedFuture("ok"));
    }

    await().atMost(PAGE_CHANGE).until(() -> calls("page.live").equals("5"));
    Async.<String>guard("page.later").monitored().build()
        .call(() -> CompletableFuture.completedFuture("ok"));
    await().atMost(PAGE_CHANGE).until(() -> calls("page.later").equals("1"));
  }

  @Test
  void marksItselfStaleWhenTheServerStopsAndKeepsTheLastData() {
    Async.<String>guard("page.before-stop").monitored().build()
        .call(() -> CompletableFuture.completedFuture("ok"));
    browser.get(pageUrl(""));
    awaitFreshData();
    assertThat(calls("page.before-stop")).isEqualTo("1");

    server.close();

    await().atMost(PAGE_CHANGE).until(() -> text("#stale-visible").equals("true"));
    assertThat(text("#stale")).startsWith("STALE: no data since ");
    assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getAttribute("class"))
        .contains("stale");
    assertThat(text("#problem")).startsWith("Cannot reach the server");
    assertThat(calls("page.before-stop")).as("the last data stays on show").isEqualTo("1");
  }

  @Test
  void aTokenInTheFragmentIsSentAsTheHeader() {
    server.close();
    System.setProperty("fftt.health.token", "page-secret");
    server = Diagnostics.serveHealth(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Async.<String>guard("page.guarded").monitored().build()
        .call(() -> CompletableFuture.completedFuture("ok"));

    browser.get(pageUrl(""));
    await().atMost(PAGE_CHANGE).until(() -> text("#stale-visible").equals("true"));
    assertThat(text("#problem")).contains("needs a token").contains("#token=");
    assertThat(rows("operations")).as("nothing was shown without the token").isEmpty();

    browser.get(pageUrl("#token=wrong"));
    await().atMost(PAGE_CHANGE).until(() -> text("#problem").contains("was refused"));

    browser.get(pageUrl("#token=page-secret"));
    awaitFreshData();
    assertThat(calls("page.guarded")).isEqualTo("1");
    assertThat(browser.getCurrentUrl()).endsWith("/fftt/#token=page-secret");
  }

  // --- helpers

  private String pageUrl(String fragment) {
    return "http://127.0.0.1:" + server.address().getPort() + "/fftt/" + fragment;
  }

  /** Blocks loop {@code name} past the stall threshold once, and waits until the stall is over. */
  private void stallOnce(String name) throws InterruptedException {
    EventLoop loop = EventLoops.start(name);
    cleanups.add(loop::shutdown);
    CountDownLatch release = new CountDownLatch(1);
    loop.execute(() -> {
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> loop(name).stalls() == 1);
    release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> !loop(name).stalledNow());
  }

  private static LoopStats loop(String name) {
    return Diagnostics.healthReport().loops().stream().filter(l -> l.name().equals(name))
        .findFirst().orElseThrow();
  }

  private void awaitFreshData() {
    await().atMost(PAGE_CHANGE).until(() -> text("#updated").startsWith("updated ")
        && text("#stale-visible").equals("false"));
  }

  private String calls(String operation) {
    List<String> row = fullRow("operations", operation);
    return row == null ? "" : row.get(1);
  }

  /**
   * A few page facts read in one script (the tables are rebuilt every 2 s, so elements found
   * earlier may be gone): an element's text by CSS selector, or {@code #stale-visible}.
   */
  private String text(String what) {
    String script = what.equals("#stale-visible")
        ? "return String(!document.getElementById('stale').hidden);"
        : "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;";
    Object value = ((JavascriptExecutor) browser).executeScript(script, what);
    return value == null ? "" : value.toString();
  }

  private long count(String tag) {
    return (Long) ((JavascriptExecutor) browser)
        .executeScript("return document.getElementsByTagName(arguments[0]).length;", tag);
  }

  /** The rows of table {@code id} (its "none" row is no row), each as its cells' text. */
  @SuppressWarnings("unchecked")
  private List<List<String>> fullRows(String id) {
    return (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
            + ".filter(tr => !tr.classList.contains('empty'))"
            + ".map(tr => Array.from(tr.cells).map(td => td.textContent));", id);
  }

  private List<String> fullRow(String id, String name) {
    return fullRows(id).stream().filter(r -> r.get(0).equals(name)).findFirst().orElse(null);
  }

  /**
   * The rows of table {@code id}, each cut to the cells that do not depend on timing (latencies,
   * waits and the time to the next trial are left off).
   */
  private List<List<String>> rows(String id) {
    int keep = id.equals("operations") ? 10 : id.equals("loops") ? 3 : 7;
    return fullRows(id).stream().map(r -> r.subList(0, Math.min(keep, r.size())))
        .collect(Collectors.toList());
  }

  @SuppressWarnings("unchecked")
  private List<String> issues() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.querySelectorAll('#issues li')).map(li => li.textContent);");
  }

  private List<String> browserLog() {
    if (browser == null) {
      return List.of();
    }
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::toString).collect(Collectors.toList());
  }

  private List<String> severeBrowserLog() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::toString).collect(Collectors.toList());
  }

  private void screenshot() throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Path file = Path.of("target/health-page.png");
    Files.write(file, png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("a PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    assertThat(png.length).as("a rendered page, not a blank one").isGreaterThan(20_000);
  }
}
