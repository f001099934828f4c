package dev.fftt.micrometer.internal;

import dev.fftt.runtime.BulkheadStats;
import dev.fftt.runtime.CircuitBreakerStats;
import dev.fftt.runtime.Diagnostics;
import dev.fftt.runtime.LoopStats;
import dev.fftt.runtime.spi.ResilienceCounts;
import java.util.Locale;
import java.util.Optional;

/**
 * What the scraped meters read, one object per breaker, bulkhead or loop: the values the runtime
 * reports now ({@code Diagnostics}, {@code ResilienceCounts}), read on the scraping thread. The
 * counts restart from 0 at {@code Diagnostics.reset()}, as the runtime's own do (a monitoring
 * system sees a counter reset).
 *
 * <p>Internal; not API, may change without notice.
 */
final class Readings {

  private Readings() {}

  /** A circuit breaker's counts and state. */
  static final class Breaker {
    private final String operation;

    Breaker(String operation) {
      this.operation = operation;
    }

    double calls(String result) {
      return ResilienceCounts.circuitBreakerCalls(operation, result);
    }

    /** 1 when the breaker is in {@code state} ({@code closed|open|half_open}), else 0. */
    double is(String state) {
      Optional<CircuitBreakerStats> stats = Diagnostics.circuitBreaker(operation);
      return stats.isPresent() && stats.get().state().toLowerCase(Locale.ROOT).equals(state) ? 1 : 0;
    }
  }

  /** A bulkhead's counts and occupancy; 0 while the runtime has none of that name. */
  static final class Bulkhead {
    private final String operation;

    Bulkhead(String operation) {
      this.operation = operation;
    }

    private BulkheadStats stats() {
      return Diagnostics.bulkhead(operation).orElse(null);
    }

    double accepted() {
      BulkheadStats s = stats();
      return s == null ? 0 : s.accepted();
    }

    double rejected() {
      BulkheadStats s = stats();
      return s == null ? 0 : s.rejected();
    }

    double running() {
      BulkheadStats s = stats();
      return s == null ? 0 : s.running();
    }

    double waiting() {
      BulkheadStats s = stats();
      return s == null ? 0 : s.waiting();
    }
  }

  /**
   * An event loop's backlog and stalls. Once the loop is shut down (unregistered) its backlog is
   * no value (NaN, Micrometer's "gone") and its stall count stays at the last one read.
   */
  static final class Loop {
    private final String loop;
    // The last stall count read, for after the loop is gone. Written and read by the scraping
    // thread(s); volatile so two registries scraping on different threads see each other's read.
    private volatile double lastStalls;
    // The same for the blocking calls caught.
    private volatile double lastBlockingCalls;

    Loop(String loop) {
      this.loop = loop;
    }

    double pending() {
      return Diagnostics.loop(loop).map(l -> (double) l.pending()).orElse(Double.NaN);
    }

    double stalls() {
      Optional<LoopStats> stats = Diagnostics.loop(loop);
      if (stats.isPresent()) {
        lastStalls = stats.get().stalls();
      }
      return lastStalls;
    }

    double blockingCalls() {
      Optional<LoopStats> stats = Diagnostics.loop(loop);
      if (stats.isPresent()) {
        lastBlockingCalls = stats.get().blockingCalls();
      }
      return lastBlockingCalls;
    }
  }
}
