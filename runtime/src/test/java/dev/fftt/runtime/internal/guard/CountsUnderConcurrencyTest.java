package dev.fftt.runtime.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.internal.monitor.Monitors;
import dev.fftt.runtime.internal.timer.TimerWheel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountsUnderConcurrencyTest {

  @org.junit.jupiter.api.RepeatedTest(3)
  void everyCallEndsInExactlyOneOutcomeAndInFlightReturnsToZero() throws Exception {
    Monitors.get("counts.concurrent").reset();
    GuardPolicy policy = GuardPolicy.builder("Counts.op").monitor("counts.concurrent")
        .timeout(Duration.ofMillis(25), true)
        .retry(new RetrySpec(1, 0, 1.0, 0, 0, 0, List.of(IOException.class), List.of()))
        .build();
    int threads = 4;
    int perThread = 5_000;
    AtomicLong attempts = new AtomicLong();
    ConcurrentLinkedQueue<CompletableFuture<String>> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<CompletableFuture<String>> toComplete = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);

    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        for (int i = 0; i < perThread; i++) {
          CompletableFuture<String> r = Guard.call(policy, () -> {
            attempts.incrementAndGet();
            switch (ThreadLocalRandom.current().nextInt(6)) {
              case 0: return CompletableFuture.completedFuture("now");
              case 1: return CompletableFuture.failedFuture(new IOException("retry me"));
              case 2: throw new IllegalStateException("not retried");
              case 3: return new CompletableFuture<>(); // times out
              default:
                CompletableFuture<String> later = new CompletableFuture<>();
                toComplete.add(later);
                return later;
            }
          });
          if (ThreadLocalRandom.current().nextInt(50) == 0) {
            r.cancel(true);
          }
          results.add(r);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> f;
    while ((f = toComplete.poll()) != null) {
      f.complete("later");
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
    OperationStats s = Monitors.get("counts.concurrent").stats();
    long calls = (long) threads * perThread;
    assertThat(s.calls()).isEqualTo(calls);
    assertThat(s.inFlight()).isZero();
    assertThat(s.successes() + s.failures() + s.timeouts() + s.cancellations()).isEqualTo(calls);
    assertThat(s.retries()).as("retries; attempts=%s calls=%s s=%s", attempts.get(), calls, s).isEqualTo(attempts.get() - calls);
    assertThat(s.timeouts()).isPositive();
    assertThat(s.cancellations()).isPositive();
    long succeeded = results.stream().filter(r -> !r.isCompletedExceptionally()).count();
    long cancelled = results.stream().filter(CompletableFuture::isCancelled).count();
    assertThat(s.successes()).isEqualTo(succeeded);
    assertThat(s.cancellations()).isEqualTo(cancelled);
    await().atMost(Duration.ofSeconds(10)).until(() -> TimerWheel.get().pending() == 0
        && !TimerWheel.get().handOverPending());
  }
}
