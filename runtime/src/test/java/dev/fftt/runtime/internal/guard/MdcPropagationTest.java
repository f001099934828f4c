package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.EventLoop;
import dev.fftt.runtime.EventLoops;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcPropagationTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theCallersMdcIsInPlaceInEveryRetryAttemptAndWhenTheFutureCompletes() {
    GuardPolicy policy = GuardPolicy.builder("Mdc.retry").retry(new RetrySpec(2, 10_000_000L, 1.0, 0,
        0, 0, List.of(Exception.class), List.of())).build();
    List<String> seenInAttempts = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<String> seenInCallback = new AtomicReference<>();

    MDC.put("request", "r-1");
    CompletableFuture<String> result = Guard.call(policy, () -> {
      seenInAttempts.add(Thread.currentThread().getName() + "=" + MDC.get("request"));
      return attempts.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new IOException("x"))
          : CompletableFuture.completedFuture("ok");
    });
    MDC.clear();
    result.whenComplete((v, e) -> seenInCallback.set(MDC.get("request")));

    await().atMost(Duration.ofSeconds(5)).until(result::isDone);
    assertThat(seenInAttempts).hasSize(3).allMatch(s -> s.endsWith("=r-1"));
    assertThat(seenInAttempts.get(1)).startsWith("fftt-completion-"); // retried after a pause
  }

  @Test
  void theMdcIsInPlaceOnTheTimeoutPathAndClearedAfter() {
    GuardPolicy policy = GuardPolicy.builder("Mdc.timeout").timeout(Duration.ofMillis(500), true).build();
    // long enough that the callback below is attached before the timeout, even on a loaded machine
    // (else it runs at once on the test thread, and the test checks nothing about the timeout path)
    AtomicReference<String> seen = new AtomicReference<>();
    AtomicReference<Thread> completer = new AtomicReference<>();

    MDC.put("request", "r-2");
    CompletableFuture<Object> result = Guard.call(policy, CompletableFuture::new);
    result.whenComplete((v, e) -> {
      seen.set(MDC.get("request"));
      completer.set(Thread.currentThread());
    });
    MDC.clear();

    await().atMost(Duration.ofSeconds(5)).until(() -> completer.get() != null);
    assertThat(seen.get()).isEqualTo("r-2");
    assertThat(completer.get().getName()).startsWith("fftt-completion-");
    // the completion thread's own (empty) MDC is back afterwards
    AtomicReference<Map<String, String>> after = new AtomicReference<>(Map.of("x", "y"));
    CompletableFuture<Object> probe = Guard.call(policy, CompletableFuture::new);
    probe.whenComplete((v, e) -> after.set(MDC.getCopyOfContextMap()));
    await().atMost(Duration.ofSeconds(5)).until(() -> after.get() == null || after.get().isEmpty());
  }

  @Test
  void theMdcIsInPlaceOnTheRunOnLoopAndAfterTheHop() {
    EventLoop processing = EventLoops.start("t-mdc-processing");
    EventLoop ui = EventLoops.start("t-mdc-ui");
    try {
      GuardPolicy policy = GuardPolicy.builder("Mdc.loop").runOn("t-mdc-processing")
          .loopCompatible(true).build();
      AtomicReference<String> inBody = new AtomicReference<>();
      AtomicReference<String> inCallback = new AtomicReference<>();
      AtomicReference<String> loopMdcAfter = new AtomicReference<>("unset");

      ui.execute(() -> {
        MDC.put("request", "r-3");
        Guard.call(policy, () -> {
          inBody.set(Thread.currentThread().getName() + "=" + MDC.get("request"));
          return CompletableFuture.supplyAsync(() -> "v",
              CompletableFuture.delayedExecutor(10, java.util.concurrent.TimeUnit.MILLISECONDS));
        }).thenAccept(v -> inCallback.set(Thread.currentThread().getName() + "=" + MDC.get("request")));
        MDC.clear();
      });
      await().atMost(Duration.ofSeconds(5)).until(() -> inCallback.get() != null);
      processing.execute(() -> loopMdcAfter.set(String.valueOf(MDC.get("request"))));
      await().atMost(Duration.ofSeconds(5)).until(() -> !"unset".equals(loopMdcAfter.get()));

      assertThat(inBody.get()).isEqualTo("fftt-loop-t-mdc-processing=r-3");
      assertThat(inCallback.get()).isEqualTo("fftt-loop-t-mdc-ui=r-3");
      assertThat(loopMdcAfter.get()).isEqualTo("null");
    } finally {
      processing.shutdown();
      ui.shutdown();
    }
  }
}
