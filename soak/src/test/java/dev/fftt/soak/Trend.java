package dev.fftt.soak;

import java.util.List;

/**
 * The trend of one sampled column over a window of samples: the least-squares slope per minute
 * and its standard error, the medians of the window's first quarter ("warm") and last quarter
 * ("end"), and the window's extremes.
 *
 * @param slopePerMinute least-squares slope, the column's unit per minute
 * @param slopeStdError the slope's standard error (from the residuals), same unit
 * @param warm median of the first quarter of the window
 * @param end median of the last quarter of the window
 * @param min smallest value in the window
 * @param max largest value in the window
 */
record Trend(double slopePerMinute, double slopeStdError, double warm, double end, double min,
    double max) {

  /**
   * Fits column {@code c} of {@code window} (each sample's column 0 is its time in seconds).
   *
   * @throws IllegalArgumentException with fewer than 4 samples, or all at one time
   */
  static Trend fit(List<double[]> window, int c) {
    if (window.size() < 4) {
      throw new IllegalArgumentException("only " + window.size()
          + " samples: too few to fit a trend (sample more often or run longer)");
    }
    double n = window.size();
    double mx = window.stream().mapToDouble(s -> s[0] / 60).sum() / n;
    double my = window.stream().mapToDouble(s -> s[c]).sum() / n;
    double sxy = window.stream().mapToDouble(s -> (s[0] / 60 - mx) * (s[c] - my)).sum();
    double sxx = window.stream().mapToDouble(s -> (s[0] / 60 - mx) * (s[0] / 60 - mx)).sum();
    if (sxx == 0) {
      throw new IllegalArgumentException("all " + window.size() + " samples are at one time");
    }
    double slope = sxy / sxx;
    double residuals = window.stream()
        .mapToDouble(s -> Math.pow(s[c] - my - slope * (s[0] / 60 - mx), 2)).sum();
    int quarter = Math.max(1, window.size() / 4);
    return new Trend(slope, Math.sqrt(residuals / (n - 2) / sxx),
        median(window.subList(0, quarter), c),
        median(window.subList(window.size() - quarter, window.size()), c),
        window.stream().mapToDouble(s -> s[c]).min().orElseThrow(),
        window.stream().mapToDouble(s -> s[c]).max().orElseThrow());
  }

  private static double median(List<double[]> samples, int c) {
    double[] v = samples.stream().mapToDouble(s -> s[c]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
