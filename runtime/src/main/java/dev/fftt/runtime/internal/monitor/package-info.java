/**
 * Counting: one {@code Monitor} per operation name (counters and the latency histogram), kept
 * in {@code Monitors} for {@code Diagnostics}, and the {@code HealthRule} that says when an
 * operation's recent calls make the health status {@code DEGRADED}.
 *
 * <p>Depends on {@code util}, {@code export} (each monitor reports its calls to its operation's
 * {@code CallSlot}), and on the API's {@code OperationStats} (the value it returns).
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.monitor;
