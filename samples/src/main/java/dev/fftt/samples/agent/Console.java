package dev.fftt.samples.agent;

/** Prints one line per step, with the thread it ran on, so the sample's output shows the loops. */
final class Console {

  private static final long START = System.nanoTime();

  private Console() {}

  static synchronized void say(String what) {
    long ms = (System.nanoTime() - START) / 1_000_000;
    System.out.printf("%6d ms  [%-24s] %s%n", ms, Thread.currentThread().getName(), what);
  }
}
