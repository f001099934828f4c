package dev.fftt.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link WovenBenchmarks} on two threads at once. */
@Threads(2)
public class WovenTwoThreads extends WovenBenchmarks {}
