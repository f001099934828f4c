package dev.fftt.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link WovenBenchmarks} on one thread. */
@Threads(1)
public class WovenOneThread extends WovenBenchmarks {}
