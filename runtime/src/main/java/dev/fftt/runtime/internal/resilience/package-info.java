/**
 * Per-operation resilience state that outlives a call: the circuit breaker ({@code Breaker}) and
 * the bulkhead ({@code BulkheadGate}), one of each per operation name ({@code Resilience}). They
 * decide (admit, refuse, queue) and count; the guard runs attempts and hands them their outcomes.
 *
 * <p>Depends on {@code monitor} (the health rule's recent window), {@code export} (new breakers
 * and bulkheads and each change of a breaker's state are reported), {@code util} and the public
 * API's records and exceptions; never on {@code guard} or {@code weave}.
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.resilience;
