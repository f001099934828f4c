package dev.fftt.runtime;

/**
 * One registered loop at one moment: tasks waiting ({@code pending}), stalls seen since the last
 * reset, the longest one in milliseconds, and whether it is stalled now.
 */
public record LoopStats(String name, long pending, long stalls, double maxStallMillis,
    boolean stalledNow) {
}
