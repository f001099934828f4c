package dev.fftt.benchmarks;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * What every row calls: an operation that returns a future, either one that is already complete
 * (workload a, c) or a new pending one that the benchmark completes right after the call
 * (workload b, d). The same constants for every peer, so rows differ only by the guard.
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

  private Workload() {}
}
