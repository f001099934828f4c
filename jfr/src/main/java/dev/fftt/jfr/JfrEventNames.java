package dev.fftt.jfr;

import java.util.List;

/**
 * The names of the Java Flight Recorder events FFTT writes, all in category {@value #CATEGORY}
 * and without stack traces except {@value #BLOCKING_CALL}. Names, fields and outcome words are a stable contract; read them with
 * {@code jfr print --events 'fftt.*' recording.jfr}, JDK Mission Control or
 * {@code jdk.jfr.consumer.RecordingFile}.
 *
 * <p>Events exist for the operations {@code @AsyncMonitor} counts (every name is the operation's
 * name: the {@code @AsyncMonitor} value, else {@code SimpleClassName.methodName}); breaker state
 * changes are written for every breaker, loop stalls and blocking calls for every registered loop.
 */
public final class JfrEventNames {

  private JfrEventNames() {}

  /** The category of every FFTT event. */
  public static final String CATEGORY = "FFTT Async";

  /**
   * A monitored call (duration event, threshold 20 ms by default). Fields {@code operation},
   * {@code outcome} ({@code success|failure|timeout|cancelled}, the Micrometer words),
   * {@code retries} (int), {@code fallback} (boolean: the fallback ran) and {@code elapsed}
   * (timespan: from the call to the end of its future, as FFTT measured it).
   *
   * <p>The event's own duration runs from when the method returned to when its future completed:
   * JFR times an event from {@code begin()} and a call is first seen after the method returned. A
   * call whose future was already complete then (or that began while nothing recorded
   * {@value #CALL}) has no begun event: it is written with a duration of 0, so only a recording
   * whose {@value #CALL} threshold is 0 ms has it, with its real time in {@code elapsed}.
   */
  public static final String CALL = "fftt.Call";

  /** An attempt's timeout passed (instant). Fields {@code operation}, {@code timeout} (timespan). */
  public static final String TIMEOUT = "fftt.Timeout";

  /**
   * The body is about to run again (instant). Fields {@code operation}, {@code retry} (1 for the
   * first retry) and {@code cause} (the failure that caused it: class name and message).
   */
  public static final String RETRY = "fftt.Retry";

  /**
   * A circuit breaker changed state (instant). Fields {@code operation}, {@code from} and
   * {@code to} ({@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}).
   */
  public static final String CIRCUIT_BREAKER_STATE = "fftt.CircuitBreakerState";

  /**
   * An attempt was refused before its body ran (instant). Fields {@code operation} and
   * {@code by} ({@code circuitbreaker} or {@code bulkhead}).
   */
  public static final String REJECTED = "fftt.Rejected";

  /**
   * An event loop ran nothing for longer than the stall threshold (system property
   * {@code fftt.stallMillis}, default 250 ms). Duration event, from when the watchdog found the
   * stall to when it saw it end. Fields {@code loop}, {@code topFrames} (the loop thread's
   * innermost frames when the stall was found, one per line) and {@code stall} (timespan: the
   * whole stall, from the late probe's posting to its run).
   */
  public static final String LOOP_STALL = "fftt.LoopStall";

  /**
   * A blocking call was caught on an event loop's thread (instant; agent option
   * {@code blocking=warn|fail}), written on that thread before the call blocked (or threw). Fields
   * {@code loop}, {@code call} (the method the application called, e.g.
   * {@code CompletableFuture.join}) and {@code site} (the calling frame); the only FFTT event with
   * a stack trace (the blocking call's, under FFTT's check).
   */
  public static final String BLOCKING_CALL = "fftt.BlockingCall";

  /**
   * Every name above. A recording writes them all at their defaults unless its settings name
   * them ({@code jdk.jfr.Recording#enable(String)} takes names, not patterns):
   * {@code JfrEventNames.ALL.forEach(recording::disable)} leaves them out.
   */
  public static final List<String> ALL = List.of(CALL, TIMEOUT, RETRY, CIRCUIT_BREAKER_STATE,
      REJECTED, LOOP_STALL, BLOCKING_CALL);
}
