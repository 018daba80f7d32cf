package io.cachelet.bench.http;

import java.util.Collection;

/**
 * The median of a few figures (one per pair or round) with their range: with five pairs, the range
 * is the honest error bar, there being too few for a confidence interval worth quoting.
 *
 * @param median the middle value, or the mean of the two middle ones for an even count
 * @param min the lowest
 * @param max the highest
 * @param count how many figures
 */
record Spread(double median, double min, double max, int count) {

  static Spread of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to summarise");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Spread(median, sorted[0], sorted[n - 1], n);
  }
}
