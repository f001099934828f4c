package dev.fftt.runtime.internal.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreWithinOnePercentOfTheExactOnes() {
    LatencyHistogram h = new LatencyHistogram();
    Random random = new Random(42);
    long[] values = new long[100_000];
    for (int i = 0; i < values.length; i++) {
      // log-uniform from 1 µs to 10 s
      values[i] = (long) Math.pow(10, 3 + random.nextDouble() * 7);
      h.record(values[i]);
    }
    Arrays.sort(values);
    LatencyHistogram.Snapshot s = h.snapshot();

    assertThat(s.count()).isEqualTo(values.length);
    for (double p : new double[] {1, 10, 50, 90, 99, 99.9}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      assertThat(s.valueAtPercentile(p)).as("p%s", p).isCloseTo(exact, within(exact * 0.01));
    }
    long max = values[values.length - 1];
    assertThat(s.max()).isCloseTo(max, within(max * 0.01));
  }

  @Test
  void everyBucketIndexMapsBackWithinOnePercent() {
    for (long v = 1; v < (1L << 41); v = v * 3 / 2 + 1) {
      double back = LatencyHistogram.valueOf(LatencyHistogram.index(v));
      assertThat(back).as("v=%s", v).isCloseTo(v, within(Math.max(0.5, v * 0.01)));
    }
  }

  @Test
  void resetForgetsAndEmptyAnswersZero() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(1_000_000);
    h.reset();
    assertThat(h.snapshot().count()).isZero();
    assertThat(h.snapshot().valueAtPercentile(99)).isZero();
    assertThat(h.snapshot().max()).isZero();
  }
}
