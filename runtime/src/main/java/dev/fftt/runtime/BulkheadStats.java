package dev.fftt.runtime;

/**
 * One bulkhead at one moment, as {@code bulkheads} in the health JSON.
 *
 * @param name the operation's name (the bulkhead is one per operation)
 * @param maxConcurrent how many attempts may run at once
 * @param queueCapacity how many may wait for a permit
 * @param running the attempts holding a permit now
 * @param waiting the attempts waiting for one now
 * @param accepted the attempts that got a permit (since the last {@link Diagnostics#reset()})
 * @param rejected the attempts refused (since the last reset)
 * @param maxWaitMillis the longest an attempt waited for its permit (since the last reset)
 */
public record BulkheadStats(String name, int maxConcurrent, int queueCapacity, int running,
    int waiting, long accepted, long rejected, double maxWaitMillis) {
}
