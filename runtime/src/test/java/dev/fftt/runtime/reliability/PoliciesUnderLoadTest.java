package dev.fftt.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fftt.runtime.Async;
import dev.fftt.runtime.AsyncGuard;
import dev.fftt.runtime.AsyncTimeoutException;
import dev.fftt.runtime.BulkheadRejectedException;
import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerOpenException;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.OperationStats;
import dev.fftt.runtime.reliability.testing.Quiescence;
import dev.fftt.runtime.spi.FfttListener;
import dev.fftt.runtime.spi.FfttListeners;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calls from 8 threads through one guard with all five policies (fallback, retry, circuit breaker,
 * timeout, bulkhead), bodies with random outcomes (at once or later, values, retried and
 * non-retried failures, synchronous throws, never; a tenth of the calls meet an outage where
 * nine bodies in ten fail) and callers that cancel: every future completes
 * exactly once; the operation's counts equal the callers' own tallies and add up; the bulkhead
 * ends with nothing running or waiting, every body ran on a permit and every permit not
 * used by a body went back (a granted waiter whose call timed out or was cancelled before it
 * started); the breaker's reported
 * transitions are each a legal step and balance out to the state it reports, and it opened as
 * often as it says; nothing stays in flight or in the timer; live threads and retained heap
 * return to their start. 50,000 calls in the normal run ({@code -Dfftt.load.policyCalls}), a
 * million in the {@code stress} group ({@code -Dfftt.stress.policyCalls}).
 */
class PoliciesUnderLoadTest {

  private static final int THREADS = 8;
  private static final long HEAP_SLACK = 32L << 20;

  @Test
  void fiftyThousandCallsThroughFivePolicies() throws Exception {
    run(Integer.getInteger("fftt.load.policyCalls", 50_000), "p" + System.nanoTime());
  }

  @Test
  @Tag("stress")
  void aMillionCallsThroughFivePolicies() throws Exception {
    run(Integer.getInteger("fftt.stress.policyCalls", 1_000_000), "s" + System.nanoTime());
  }

  /** The state machine's legal steps, as the breaker reports them. */
  private static final List<String> LEGAL = List.of("CLOSED>OPEN", "OPEN>HALF_OPEN",
      "HALF_OPEN>CLOSED", "HALF_OPEN>OPEN");

  private static void run(int calls, String id) throws Exception {
    String name = "load.policies." + id;
    Map<String, LongAdder> transitions = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> illegal = new ConcurrentLinkedQueue<>();
    AutoCloseable listening = FfttListeners.register(new FfttListener() {
      @Override
      public void circuitBreakerStateChanged(String operation, String from, String to) {
        if (operation.equals(name)) {
          String step = from + ">" + to;
          transitions.computeIfAbsent(step, k -> new LongAdder()).increment();
          if (!LEGAL.contains(step)) {
            illegal.add(step);
          }
        }
      }
    });
    ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    Quiescence.awaitTimerIdle(Duration.ofSeconds(10));
    int threadsBefore = Quiescence.liveThreadsBesideCompletions();
    long heapBefore = Quiescence.heapUsedAfterGc();

    LongAdder bodies = new LongAdder();
    LongAdder neverMade = new LongAdder();
    ConcurrentLinkedQueue<CompletableFuture<String>> nevers = new ConcurrentLinkedQueue<>();
    AsyncGuard<String> guard = Async.<String>guard(name).monitored()
        .withFallback().handler(f -> CompletableFuture.completedFuture("fb"))
        .applyOn(IOException.class, CircuitBreakerOpenException.class,
            BulkheadRejectedException.class).done()
        .withRetry().maxRetries(2).retryOn(IOException.class).done()
        .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.75)
        .delay(Duration.ofMillis(1)).successThreshold(1).done()
        .withTimeout(Duration.ofMillis(10))
        .withBulkhead().limit(16).queueSize(32).done()
        .build();

    AtomicIntegerArray completions = new AtomicIntegerArray(calls);
    Map<String, LongAdder> seen = new ConcurrentHashMap<>();
    LongAdder thrown = new LongAdder();
    AtomicLong next = new AtomicLong();
    long start = System.nanoTime();
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      SplittableRandom random = new SplittableRandom(31L * t + calls);
      Thread caller = new Thread(() -> {
        for (long i; (i = next.getAndIncrement()) < calls; ) {
          int index = (int) i;
          CompletableFuture<String> f;
          try {
            boolean outage = (index / 2_000) % 10 == 7; // 2,000 calls in 20,000 meet an outage
            f = guard.call(() -> body(random.split(), outage, later, bodies, neverMade, nevers));
          } catch (Throwable e) {
            thrown.increment();
            continue;
          }
          f.whenComplete((v, e) -> {
            completions.incrementAndGet(index);
            seen.computeIfAbsent(outcome(v, e), k -> new LongAdder()).increment();
          });
          int c = random.nextInt(100);
          if (c < 2) {
            f.cancel(true);
          } else if (c < 4) {
            later.schedule(() -> f.cancel(true), random.nextInt(3), TimeUnit.MILLISECONDS);
          }
        }
      }, "policies-caller-" + t);
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join(TimeUnit.MINUTES.toMillis(10));
    }
    await("all " + calls + " calls to complete").atMost(Duration.ofSeconds(60 + calls / 5_000))
        .pollInterval(Duration.ofMillis(50)).until(() -> total(seen) >= calls);
    long ended = System.nanoTime();
    later.shutdown();
    assertThat(later.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // Every future completed exactly once; the callers' tallies and the operation's agree
    assertThat(thrown.sum()).as("guard.call threw").isZero();
    for (int i = 0; i < calls; i++) {
      if (completions.get(i) != 1) {
        throw new AssertionError("call " + i + " completed " + completions.get(i) + " times");
      }
    }
    await("the guard to cancel every attempt that never completes").atMost(Duration.ofSeconds(10))
        .until(() -> nevers.stream().allMatch(CompletableFuture::isDone));
    OperationStats s = Diagnostics.operation(name).orElseThrow();
    CircuitBreakerStats breaker = Diagnostics.circuitBreaker(name).orElseThrow();
    BulkheadStats bulkhead = Diagnostics.bulkhead(name).orElseThrow();
    String figures = String.format(Locale.ROOT, "FFTT policies under load: %d calls from %d"
        + " threads ended after %d ms; callers saw %s; %s; %s; %s; transitions %s; bodies %d,"
        + " never completing %d", calls, THREADS, (ended - start) / 1_000_000, counts(seen), s,
        breaker, bulkhead, counts(transitions), bodies.sum(), neverMade.sum());
    System.out.println(figures);
    assertThat(s.calls()).as(figures).isEqualTo(calls);
    assertThat(s.inFlight()).as(figures).isZero();
    assertThat(s.successes() + s.failures() + s.timeouts() + s.cancellations())
        .as(figures).isEqualTo(s.calls());
    assertThat(s.successes()).as(figures).isEqualTo(count(seen, "ok") + count(seen, "fb"));
    assertThat(s.fallbacks()).as(figures).isEqualTo(count(seen, "fb"));
    assertThat(s.timeouts()).as(figures).isEqualTo(count(seen, "AsyncTimeoutException"));
    assertThat(s.cancellations()).as(figures).isEqualTo(count(seen, "cancelled"));
    assertThat(s.failures()).as(figures).isEqualTo(count(seen, "IllegalStateException")
        + count(seen, "IllegalArgumentException"));
    assertThat(total(seen)).as(figures).isEqualTo(calls);
    assertThat(s.rejections()).as(figures).isEqualTo(breaker.rejected() + bulkhead.rejected());

    // No permit lost: nothing holds or waits for one, and every body ran on one
    assertThat(bulkhead.running()).as(figures).isZero();
    assertThat(bulkhead.waiting()).as(figures).isZero();
    // A waiter granted a permit starts on another thread; if its timeout or the caller's cancel
    // ended the call first, the permit goes back unused (its body never runs), so accepted may
    // exceed the bodies run by at most the calls that ended that way
    assertThat(bulkhead.accepted()).as(figures).isGreaterThanOrEqualTo(bodies.sum())
        .isLessThanOrEqualTo(bodies.sum() + s.timeouts() + s.cancellations());
    assertThat(bulkhead.rejected()).as("the bulkhead was full at times: " + figures).isPositive();

    // The breaker: legal steps only, that balance out to the state it is in, opened as reported
    assertThat(illegal).as(figures).isEmpty();
    long opened = count(transitions, "CLOSED>OPEN") + count(transitions, "HALF_OPEN>OPEN");
    assertThat(opened).as(figures).isEqualTo(breaker.opened()).isPositive();
    Map<String, Long> net = new HashMap<>(Map.of("CLOSED", 1L, "OPEN", 0L, "HALF_OPEN", 0L));
    transitions.forEach((step, n) -> {
      String[] fromTo = step.split(">");
      net.merge(fromTo[0], -n.sum(), Long::sum);
      net.merge(fromTo[1], n.sum(), Long::sum);
    });
    String last = net.entrySet().stream().filter(e -> e.getValue() == 1).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new AssertionError("unbalanced " + net + ": " + figures));
    assertThat(net.values()).as("%s: %s", net, figures).containsOnly(0L, 1L).containsOnlyOnce(1L);
    // an open breaker whose delay has passed reads HALF_OPEN before its first trial reports it
    assertThat(breaker.state()).as(figures)
        .isIn(last.equals("OPEN") ? List.of("OPEN", "HALF_OPEN") : List.of(last));
    assertThat(breaker.rejected()).as(figures).isPositive();

    // Nothing left behind: timer entries, threads, heap
    listening.close();
    Quiescence.awaitTimerIdle(Duration.ofSeconds(10));
    Quiescence.awaitThreadsBackTo(threadsBefore, Duration.ofSeconds(25));
    long heapAfter = Quiescence.heapUsedAfterGc();
    System.out.printf(Locale.ROOT, "FFTT policies under load: threads before=%d after=%d, heap"
        + " before=%.1f MB after=%.1f MB%n", threadsBefore, Quiescence.liveThreads(),
        heapBefore / 1e6, heapAfter / 1e6);
    assertThat(heapAfter).as("heap used after GC").isLessThanOrEqualTo(heapBefore + HEAP_SLACK);
  }

  /** One attempt's body: what it does is drawn at random. */
  private static CompletableFuture<String> body(SplittableRandom random, boolean outage,
      ScheduledExecutorService later, LongAdder bodies, LongAdder neverMade,
      ConcurrentLinkedQueue<CompletableFuture<String>> nevers) {
    bodies.increment();
    int r = random.nextInt(100);
    if (outage && r < 90) {
      return CompletableFuture.failedFuture(new IOException("outage"));
    }
    if (r < 55) {
      return CompletableFuture.completedFuture("ok");
    } else if (r < 60) {
      return CompletableFuture.failedFuture(new IOException("retried"));
    } else if (r < 65) {
      return CompletableFuture.failedFuture(new IllegalStateException("not retried"));
    } else if (r < 67) {
      throw new IllegalArgumentException("thrown by the body");
    } else if (r < 68) {
      neverMade.increment();
      CompletableFuture<String> never = new CompletableFuture<>();
      nevers.add(never);
      return never;
    }
    CompletableFuture<String> f = new CompletableFuture<>();
    boolean fails = r < 72;
    later.schedule(() -> {
      if (fails) {
        f.completeExceptionally(new IOException("later"));
      } else {
        f.complete("ok");
      }
    }, random.nextInt(3), TimeUnit.MILLISECONDS);
    return f;
  }

  private static String outcome(String value, Throwable e) {
    if (e == null) {
      return value;
    }
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof CancellationException ? "cancelled"
        : cause instanceof AsyncTimeoutException ? "AsyncTimeoutException"
        : cause.getClass().getSimpleName();
  }

  private static long count(Map<String, LongAdder> m, String key) {
    LongAdder a = m.get(key);
    return a == null ? 0 : a.sum();
  }

  private static long total(Map<String, LongAdder> m) {
    return m.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static String counts(Map<String, LongAdder> m) {
    Map<String, Long> copy = new java.util.TreeMap<>();
    m.forEach((k, v) -> copy.put(k, v.sum()));
    return copy.toString();
  }
}
