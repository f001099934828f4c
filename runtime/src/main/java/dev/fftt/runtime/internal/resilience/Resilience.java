package dev.fftt.runtime.internal.resilience;

import dev.fftt.runtime.internal.export.Exports;
import dev.fftt.runtime.internal.util.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The breakers and bulkheads of the JVM, one of each per operation name, shared by every method
 * and {@code Async} guard of that name (so all receivers of a method share them, and the health
 * report finds them by name). The first policy resolved for a name sets its settings; a later one
 * with other settings shares the first and is warned about once.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Resilience {

  private static final ConcurrentMap<String, Breaker> BREAKERS = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, BulkheadGate> BULKHEADS = new ConcurrentHashMap<>();

  private Resilience() {}

  /** The breaker of {@code wanted}'s operation: {@code wanted} itself when it is the first. */
  public static Breaker breaker(Breaker wanted) {
    Exports.searchOnce();
    Breaker existing = BREAKERS.putIfAbsent(wanted.name(), wanted);
    if (existing == null) {
      Exports.circuitBreakerAdded(wanted.name());
      return wanted;
    }
    if (!existing.sameSettings(wanted)) {
      Log.warn("FFTT: two circuit breakers are named '" + wanted.name() + "' with different"
          + " settings; the operation has one breaker, so " + wanted + " shares the first one, "
          + existing + ". Give the methods different @AsyncMonitor names to keep them apart");
    }
    return existing;
  }

  /** The bulkhead of {@code wanted}'s operation: {@code wanted} itself when it is the first. */
  public static BulkheadGate bulkhead(BulkheadGate wanted) {
    Exports.searchOnce();
    BulkheadGate existing = BULKHEADS.putIfAbsent(wanted.name(), wanted);
    if (existing == null) {
      Exports.bulkheadAdded(wanted.name());
      return wanted;
    }
    if (!existing.sameSettings(wanted)) {
      Log.warn("FFTT: two bulkheads are named '" + wanted.name() + "' with different settings;"
          + " the operation has one bulkhead, so " + wanted + " shares the first one, " + existing
          + ". Give the methods different @AsyncMonitor names to keep them apart");
    }
    return existing;
  }

  /** The breaker named {@code name}, or {@code null}. */
  public static Breaker findBreaker(String name) {
    return BREAKERS.get(name);
  }

  /** The bulkhead named {@code name}, or {@code null}. */
  public static BulkheadGate findBulkhead(String name) {
    return BULKHEADS.get(name);
  }

  /** Every breaker, by name. */
  public static List<Breaker> breakers() {
    List<Breaker> all = new ArrayList<>(BREAKERS.values());
    all.sort((a, b) -> a.name().compareTo(b.name()));
    return all;
  }

  /** Every bulkhead, by name. */
  public static List<BulkheadGate> bulkheads() {
    List<BulkheadGate> all = new ArrayList<>(BULKHEADS.values());
    all.sort((a, b) -> a.name().compareTo(b.name()));
    return all;
  }

  /** Closes every breaker and zeroes every count ({@code Diagnostics.reset()}). */
  public static void resetAll() {
    BREAKERS.values().forEach(Breaker::reset);
    BULKHEADS.values().forEach(BulkheadGate::reset);
  }
}
