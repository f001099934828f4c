package dev.fftt.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's trend fit: slopes per minute from samples timed in seconds. */
class TrendTest {

  @Test
  void aLineGrowingTwoAMinuteHasSlopeTwoAndNoError() {
    List<double[]> samples = new ArrayList<>();
    for (int t = 0; t <= 600; t += 15) {
      samples.add(new double[] {t, 100 + 2.0 * t / 60});
    }

    Trend trend = Trend.fit(samples, 1);

    assertThat(trend.slopePerMinute()).isCloseTo(2.0, within(1e-9));
    assertThat(trend.slopeStdError()).isCloseTo(0.0, within(1e-9));
    assertThat(trend.min()).isEqualTo(100);
    assertThat(trend.max()).isEqualTo(120);
    // 41 samples: quarters of 10, medians of t = 0..135 s and 465..600 s
    assertThat(trend.warm()).isCloseTo(100 + 2.0 * 67.5 / 60, within(1e-9));
    assertThat(trend.end()).isCloseTo(100 + 2.0 * 532.5 / 60, within(1e-9));
  }

  @Test
  void aFlatSeriesWithAlternatingNoiseHasNoSlopeAndAnError() {
    List<double[]> samples = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      samples.add(new double[] {i * 10, 28 + (i % 2 == 0 ? 1 : -1), 7});
    }

    Trend noisy = Trend.fit(samples, 1);
    Trend constant = Trend.fit(samples, 2);

    assertThat(noisy.slopePerMinute()).isCloseTo(0.0, within(0.05));
    assertThat(noisy.slopeStdError()).isPositive();
    assertThat(noisy.warm()).isEqualTo(28); // median of 29, 27, ... (10 values)
    assertThat(constant.slopePerMinute()).isZero();
    assertThat(constant.end()).isEqualTo(7);
  }

  @Test
  void tooFewSamplesAreRefusedWithTheReason() {
    List<double[]> three = List.of(new double[] {0, 1}, new double[] {1, 2}, new double[] {2, 3});

    assertThatThrownBy(() -> Trend.fit(three, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only 3 samples: too few to fit a trend (sample more often or run longer)");
  }
}
