package dev.fftt.runtime.internal.monitor;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A concurrent log-linear histogram of durations in nanoseconds: 64 linear sub-buckets per power
 * of two, so every reported value is within 0.8% of a recorded one (the bucket's midpoint is
 * reported). Writers pick a stripe by thread id, so two threads rarely touch the same cache lines;
 * no locks. Values above about 73 minutes are recorded as that.
 *
 * <p>Internal; not API, may change without notice.
 */
public final class LatencyHistogram {

  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS; // 64
  private static final int MAX_MAGNITUDE = 42; // 2^42 ns ≈ 73 min
  static final int BUCKETS = SUB + (MAX_MAGNITUDE - SUB_BITS) * SUB; // 2368
  private static final int STRIPES = stripes();

  private final AtomicReferenceArray<AtomicLongArray> stripes = new AtomicReferenceArray<>(STRIPES);

  private static int stripes() {
    int n = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 2 - 1);
    return Math.min(n, 64);
  }

  /** Records one duration; negative values count as 0. */
  public void record(long nanos) {
    int stripe = (int) (Thread.currentThread().getId() & (STRIPES - 1));
    AtomicLongArray counts = stripes.get(stripe);
    if (counts == null) {
      counts = newStripe(stripe);
    }
    counts.getAndIncrement(index(nanos));
  }

  private AtomicLongArray newStripe(int stripe) {
    AtomicLongArray fresh = new AtomicLongArray(BUCKETS);
    return stripes.compareAndSet(stripe, null, fresh) ? fresh : stripes.get(stripe);
  }

  static int index(long v) {
    if (v < SUB) {
      return v < 0 ? 0 : (int) v;
    }
    int magnitude = 63 - Long.numberOfLeadingZeros(v);
    if (magnitude >= MAX_MAGNITUDE) {
      return BUCKETS - 1;
    }
    int shift = magnitude - SUB_BITS;
    int sub = (int) (v >>> shift); // in [SUB, 2 * SUB)
    return SUB + shift * SUB + (sub - SUB);
  }

  /** The midpoint of bucket {@code i} in nanoseconds. */
  static double valueOf(int i) {
    if (i < SUB) {
      return i;
    }
    int shift = (i - SUB) / SUB;
    long sub = (i - SUB) % SUB + SUB;
    long low = sub << shift;
    long width = 1L << shift;
    return low + (width - 1) / 2.0;
  }

  /** A consistent-enough copy of the counts, merged over stripes. */
  public Snapshot snapshot() {
    long[] merged = new long[BUCKETS];
    long total = 0;
    for (int s = 0; s < STRIPES; s++) {
      AtomicLongArray counts = stripes.get(s);
      if (counts == null) {
        continue;
      }
      for (int i = 0; i < BUCKETS; i++) {
        long c = counts.get(i);
        merged[i] += c;
        total += c;
      }
    }
    return new Snapshot(merged, total);
  }

  /** Forgets every recorded value. */
  public void reset() {
    for (int s = 0; s < STRIPES; s++) {
      AtomicLongArray counts = stripes.get(s);
      if (counts != null) {
        for (int i = 0; i < BUCKETS; i++) {
          counts.set(i, 0);
        }
      }
    }
  }

  /** Merged counts at one moment; answers percentiles. */
  public static final class Snapshot {
    private final long[] counts;
    private final long total;

    Snapshot(long[] counts, long total) {
      this.counts = counts;
      this.total = total;
    }

    /** How many values were recorded. */
    public long count() {
      return total;
    }

    /** The value (ns) at or below which {@code percentile}% of the values lie; 0 when empty. */
    public double valueAtPercentile(double percentile) {
      if (total == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(percentile / 100.0 * total);
      rank = Math.max(1, Math.min(total, rank));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return valueOf(i);
        }
      }
      return valueOf(counts.length - 1);
    }

    /** The largest value recorded (ns, bucket midpoint); 0 when empty. */
    public double max() {
      for (int i = counts.length - 1; i >= 0; i--) {
        if (counts[i] != 0) {
          return valueOf(i);
        }
      }
      return 0;
    }
  }
}
