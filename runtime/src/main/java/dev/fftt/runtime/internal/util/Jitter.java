package dev.fftt.runtime.internal.util;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The random source of retry jitter: {@link ThreadLocalRandom}, unless a test kit has installed a
 * seeded generator (so the pauses are the same on every run).
 *
 * <p>Internal; not API, may change without notice.
 */
public final class Jitter {

  // The seeded generator in force, or null for ThreadLocalRandom (the normal path). Written by the
  // test kit on its thread, read by any thread computing a retry pause; volatile so that a seed set
  // before a call is the one that call's pauses use. java.util.Random is itself thread-safe.
  private static volatile Random seeded;

  private Jitter() {}

  /** A uniform value in [0, 1). */
  public static double nextDouble() {
    Random r = seeded;
    return r == null ? ThreadLocalRandom.current().nextDouble() : r.nextDouble();
  }

  /** Uses {@code random} from now on; {@code null} goes back to {@link ThreadLocalRandom}. */
  public static void use(Random random) {
    seeded = random;
  }
}
