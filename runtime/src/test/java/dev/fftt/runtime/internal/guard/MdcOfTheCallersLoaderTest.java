package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.internal.util.Context;
import dev.fftt.runtime.testing.ChildSlf4j;
import java.io.IOException;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A policy whose calls come from an application with an SLF4J of its own (a child loader, as in
 * an executable Spring Boot jar) carries that application's MDC, in delayed retry attempts and at
 * completion, and leaves the runtime's own MDC alone.
 */
class MdcOfTheCallersLoaderTest {

  private URLClassLoader app;

  @BeforeEach
  void application() {
    app = ChildSlf4j.withLogback(getClass().getClassLoader());
  }

  @AfterEach
  void close() throws IOException {
    ChildSlf4j.clear(app);
    MDC.clear();
    app.close();
  }

  @Test
  void delayedRetriesAndTheCompletionSeeTheCallersMdc() {
    GuardPolicy policy = GuardPolicy.builder("ChildMdc.retry").context(Context.of(app))
        .retry(new RetrySpec(2, 20_000_000L, 1.0, 0, 0, 0, List.of(Exception.class), List.of()))
        .build();
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<String> inCallback = new AtomicReference<>();

    ChildSlf4j.put(app, "request", "r-app");
    CompletableFuture<String> result = Guard.call(policy, () -> {
      seen.add(Thread.currentThread().getName() + " app=" + ChildSlf4j.get(app, "request")
          + " runtime=" + MDC.get("request"));
      return attempts.incrementAndGet() < 3
          ? CompletableFuture.failedFuture(new IOException("again"))
          : CompletableFuture.supplyAsync(() -> "ok",
              CompletableFuture.delayedExecutor(20, java.util.concurrent.TimeUnit.MILLISECONDS));
    });
    result.whenComplete((v, e) -> inCallback.set(Thread.currentThread().getName() + " app="
        + ChildSlf4j.get(app, "request")));
    ChildSlf4j.clear(app);

    await().atMost(Duration.ofSeconds(20)).until(() -> inCallback.get() != null);
    assertThat(seen).hasSize(3).allMatch(s -> s.endsWith(" app=r-app runtime=null"));
    assertThat(seen.get(1)).startsWith("fftt-completion-"); // after a pause, on the timer's hand-off
    assertThat(inCallback.get()).doesNotStartWith("main").endsWith(" app=r-app");
  }

  @Test
  void theRuntimesOwnMdcIsNotWhatSuchACallCarries() {
    GuardPolicy policy = GuardPolicy.builder("ChildMdc.timeout").context(Context.of(app))
        .timeout(Duration.ofMillis(300), true).build();
    AtomicReference<String> inCallback = new AtomicReference<>();

    MDC.put("request", "r-runtime-only"); // the runtime's SLF4J, not the application's
    CompletableFuture<Object> result = Guard.call(policy, CompletableFuture::new);
    result.whenComplete((v, e) -> inCallback.set("app=" + ChildSlf4j.get(app, "request")
        + " runtime=" + MDC.get("request")));
    MDC.clear();

    await().atMost(Duration.ofSeconds(20)).until(() -> inCallback.get() != null);
    assertThat(inCallback.get()).isEqualTo("app=null runtime=null");
  }
}
