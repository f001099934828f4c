package dev.fftt.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link CallBenchmarks} on one thread. */
@Threads(1)
public class OneThread extends CallBenchmarks {}
