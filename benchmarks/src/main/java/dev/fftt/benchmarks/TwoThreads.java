package dev.fftt.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link CallBenchmarks} on two threads at once (throughput per thread; the machine has 2 cores). */
@Threads(2)
public class TwoThreads extends CallBenchmarks {}
