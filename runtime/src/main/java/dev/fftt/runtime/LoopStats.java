package dev.fftt.runtime;

/**
 * One registered loop at one moment: tasks waiting ({@code pending}), stalls seen since the last
 * reset, the longest one in milliseconds, whether it is stalled now, and the blocking calls its
 * threads made since the last reset that the agent caught ({@code blockingCalls}: always 0
 * unless the agent runs with {@code blocking=warn} or {@code blocking=fail}).
 */
public record LoopStats(String name, long pending, long stalls, double maxStallMillis,
    boolean stalledNow, long blockingCalls) {
}
