package io.cachelet.bench.method;

import java.util.Arrays;

/**
 * What the harness reports about one comparison: the per-round ratios of path A to path B, their
 * median, interquartile range, a distribution-free 95 % confidence interval of the median, and the
 * sign test of "A is faster than B".
 *
 * <p>The interquartile range describes how much single rounds scatter; it says nothing about how
 * well the median is known. The confidence interval does: with {@code n} independent rounds, the
 * number of rounds below the true median is binomial(n, ½), so the order statistics at ranks {@code
 * k} and {@code n - k + 1} enclose the median with probability {@code 1 - 2 P(X ≤ k - 1)}; {@code
 * k} is the largest rank for which that is at least 95 % (exact, not the normal approximation). No
 * assumption is made about the distribution of the ratios.
 *
 * <p>Pure and immutable: no I/O, no clock.
 */
final class RatioStatistics {

  /** Two-sided level of the interval: 95 %. */
  static final double ALPHA = 0.05;

  private final double[] sorted;
  private final int below;
  private final int above;

  private RatioStatistics(double[] sorted, int below, int above) {
    this.sorted = sorted;
    this.below = below;
    this.above = above;
  }

  /** Statistics of the given per-round ratios (A/B); the array is copied, not changed. */
  static RatioStatistics of(double[] ratios) {
    if (ratios.length == 0) {
      throw new IllegalArgumentException("ratios: need at least one round, got none");
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    int below = 0;
    int above = 0;
    for (double r : sorted) {
      if (r < 1) {
        below++;
      } else if (r > 1) {
        above++;
      }
    }
    return new RatioStatistics(sorted, below, above);
  }

  int rounds() {
    return sorted.length;
  }

  double median() {
    return quantile(0.50);
  }

  double lowerQuartile() {
    return quantile(0.25);
  }

  double upperQuartile() {
    return quantile(0.75);
  }

  /** Lower bound of the 95 % confidence interval of the median. */
  double medianLow() {
    return sorted[medianRanks(sorted.length)[0] - 1];
  }

  /** Upper bound of the 95 % confidence interval of the median. */
  double medianHigh() {
    return sorted[medianRanks(sorted.length)[1] - 1];
  }

  /** The share of rounds in which A took less time than B (ratio below 1). */
  double shareFaster() {
    return (double) below / sorted.length;
  }

  /** Two-sided sign-test p-value of "A and B are equally often faster"; exact ties are dropped. */
  double signTestP() {
    return signTestP(below, below + above);
  }

  /** The median is below 1 with 95 % confidence: the whole interval lies below 1. */
  boolean shownFaster() {
    return medianHigh() < 1;
  }

  private double quantile(double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  /**
   * The 1-based ranks {@code {k, n - k + 1}} of the order statistics that enclose the median with
   * at least 95 % confidence. For {@code n} below 6 no pair reaches 95 %, and the sample's extremes
   * (ranks 1 and n) are returned.
   */
  static int[] medianRanks(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n: need at least one round, got " + n);
    }
    int k = 1;
    // P(X <= k) for X ~ binomial(n, 1/2), accumulated as k grows
    double cdf = pmf(n, 0);
    while (k < (n + 1) / 2 && cdf + pmf(n, k) <= ALPHA / 2) {
      cdf += pmf(n, k);
      k++;
    }
    return new int[] {k, n - k + 1};
  }

  /**
   * Exact two-sided sign test: {@code min(1, 2 P(X ≤ min(below, n - below)))} for X ~ binomial(n,
   * ½), where {@code below} of {@code n} untied rounds went one way.
   */
  static double signTestP(int below, int n) {
    if (below < 0 || below > n) {
      throw new IllegalArgumentException("below: expected 0.." + n + ", got " + below);
    }
    if (n == 0) {
      return 1;
    }
    int tail = Math.min(below, n - below);
    double p = 0;
    for (int i = 0; i <= tail; i++) {
      p += pmf(n, i);
    }
    return Math.min(1, 2 * p);
  }

  /** P(X = k) for X ~ binomial(n, 1/2), in logarithms so that large n does not underflow early. */
  private static double pmf(int n, int k) {
    double logChoose = 0;
    for (int i = 1; i <= k; i++) {
      logChoose += Math.log(n - k + i) - Math.log(i);
    }
    return Math.exp(logChoose - n * Math.log(2));
  }
}
