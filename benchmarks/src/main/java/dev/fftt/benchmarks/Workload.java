package dev.fftt.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * What every row calls: an operation that returns a future, either one that is already complete
 * (workloads a, c, e) or a new pending one that the benchmark completes right after the call
 * (workloads b, d, f). The same constants for every peer, so rows differ only by the guard.
 */
public final class Workload {

  /** The value every operation yields; preallocated, so it costs no allocation. */
  public static final String VALUE = "ok";

  /** The already completed future of workloads a and c; preallocated and shared. */
  public static final CompletableFuture<String> DONE = CompletableFuture.completedFuture(VALUE);

  /**
   * The timeout of every guard: far longer than any call here takes, so it never fires; a pending
   * call schedules it and cancels it when the operation completes.
   */
  public static final long TIMEOUT_SECONDS = 1;
  public static final ChronoUnit TIMEOUT_UNIT = ChronoUnit.SECONDS;
  public static final Duration TIMEOUT = Duration.of(TIMEOUT_SECONDS, TIMEOUT_UNIT);

  /** Retries of the retry workload (never used: the first attempt succeeds). */
  public static final int RETRIES = 3;

  /**
   * The circuit breaker of workload e, MicroProfile's defaults: a window of the last 20 outcomes,
   * open at half of them failed, 5 s open. Every call succeeds, so it stays CLOSED.
   */
  public static final int BREAKER_WINDOW = 20;
  public static final double BREAKER_FAILURE_RATIO = 0.5;
  public static final long BREAKER_DELAY_MILLIS = 5000;
  public static final Duration BREAKER_DELAY = Duration.ofMillis(BREAKER_DELAY_MILLIS);

  /**
   * The bulkhead of workload f, MicroProfile's defaults: 10 attempts at once, 10 waiting. A row's
   * thread holds one permit at a time (from the call until it completes the operation's future),
   * so it is never full, even at two threads.
   */
  public static final int BULKHEAD_LIMIT = 10;
  public static final int BULKHEAD_QUEUE = 10;

  private Workload() {}
}
