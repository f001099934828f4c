/**
 * The guard: one entry point ({@code Guard}) for every guarded call, the policy resolved once per
 * method ({@code GuardPolicy}, {@code RetrySpec}), and the state machine of a call that did not
 * end at once ({@code GuardedFuture}, {@code AttemptWatch}), with its fallback ({@code FallbackSpec}).
 *
 * <p>Depends on {@code resilience}, {@code timer}, {@code loop}, {@code monitor}, {@code util} and
 * {@code export} (the context carriers, attached where the MDC is), never on
 * {@code weave} or the public API package (so {@code Async} and woven code share it as equals).
 *
 * <p>Internal; not API, may change without notice.
 */
package dev.fftt.runtime.internal.guard;
