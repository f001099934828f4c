package dev.fftt.micrometer;

/**
 * The names and tag keys of the meters {@link FfttMetrics} registers, for {@code MeterFilter}s and
 * queries. They are part of FFTT's contract: dashboards and alerts key on them.
 *
 * <p>Every operation meter is tagged {@value #OPERATION} with the operation's name (the
 * {@code @AsyncMonitor} value, else {@code SimpleClassName.methodName}); a breaker's and a
 * bulkhead's meters use the same name; loop meters are tagged {@value #LOOP}.
 */
public final class FfttMeterNames {

  /**
   * Timer of every monitored call, from the call to the completion of its future, tagged
   * {@value #OPERATION}, {@value #OUTCOME} ({@code success|failure|timeout|cancelled}) and
   * {@value #FALLBACK} ({@code applied|none}). No percentiles or histogram unless a
   * {@code MeterFilter} configures them.
   */
  public static final String CALLS = "fftt.calls";
  /** Long task timer of the calls in flight, tagged {@value #OPERATION}. */
  public static final String CALLS_ACTIVE = "fftt.calls.active";
  /** Counter of re-invocations (a call that succeeds on its third attempt: 2), tagged {@value #OPERATION}. */
  public static final String RETRIES = "fftt.retries";
  /**
   * Counter of the attempts a circuit breaker judged, tagged {@value #OPERATION} and
   * {@value #RESULT}: {@code success} and {@code failure} as its {@code failOn}/{@code skipOn}
   * judged them, {@code rejected} when it refused them.
   */
  public static final String CIRCUIT_BREAKER_CALLS = "fftt.circuitbreaker.calls";
  /**
   * Gauge per breaker and {@value #STATE} ({@code closed|open|half_open}): 1 for the state it is
   * in, 0 for the other two. Tagged {@value #OPERATION} too.
   */
  public static final String CIRCUIT_BREAKER_STATE = "fftt.circuitbreaker.state";
  /**
   * Counter of the attempts a bulkhead admitted or refused, tagged {@value #OPERATION} and
   * {@value #RESULT} ({@code accepted|rejected}).
   */
  public static final String BULKHEAD_CALLS = "fftt.bulkhead.calls";
  /** Gauge of the attempts holding a bulkhead permit now, tagged {@value #OPERATION}. */
  public static final String BULKHEAD_RUNNING = "fftt.bulkhead.running";
  /** Gauge of the attempts waiting for a bulkhead permit now, tagged {@value #OPERATION}. */
  public static final String BULKHEAD_WAITING = "fftt.bulkhead.waiting";
  /** Gauge of the tasks waiting on a registered event loop, tagged {@value #LOOP}. */
  public static final String LOOP_PENDING = "fftt.loop.pending";
  /** Counter of the stalls the watchdog found on a registered event loop, tagged {@value #LOOP}. */
  public static final String LOOP_STALLS = "fftt.loop.stalls";
  /**
   * Counter of the blocking calls caught on a registered event loop's thread (agent option
   * {@code blocking=warn|fail}; stays 0 otherwise), tagged {@value #LOOP}.
   */
  public static final String LOOP_BLOCKING_CALLS = "fftt.loop.blocking.calls";

  /** Tag key: the operation's name. */
  public static final String OPERATION = "operation";
  /** Tag key of {@link #CALLS}: how the call ended. */
  public static final String OUTCOME = "outcome";
  /** Tag key of {@link #CALLS}: whether the fallback ran ({@code applied}) or not ({@code none}). */
  public static final String FALLBACK = "fallback";
  /** Tag key of {@link #CIRCUIT_BREAKER_CALLS} and {@link #BULKHEAD_CALLS}. */
  public static final String RESULT = "result";
  /** Tag key of {@link #CIRCUIT_BREAKER_STATE}. */
  public static final String STATE = "state";
  /** Tag key: the event loop's name. */
  public static final String LOOP = "loop";

  private FfttMeterNames() {}
}
