package io.cachelet.bench.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known inputs, known answers: the ranks are those of the published binomial tables. */
class RatioStatisticsTest {

  @ParameterizedTest(name = "n = {0}: ranks {1} and {2}")
  @CsvSource({
    "1, 1, 1", // too few rounds for 95 %: the extremes
    "5, 1, 5",
    "6, 1, 6", // P(X <= 0) = 1/64: coverage 96.9 %
    "10, 2, 9",
    "20, 6, 15",
    "100, 40, 61",
    "299, 133, 167",
    "300, 133, 168",
    "1000, 469, 532"
  })
  void theMedianIntervalUsesTheExactBinomialRanks(int n, int low, int high) {
    assertThat(RatioStatistics.medianRanks(n)).containsExactly(low, high);
  }

  @ParameterizedTest(name = "{0} of {1} one way: p = {2}")
  @CsvSource({
    "0, 10, 0.001953125", // 2 / 2^10
    "10, 10, 0.001953125",
    "2, 10, 0.109375", // 2 (1 + 10 + 45) / 2^10
    "5, 10, 1",
    "5, 20, 0.04138946533203125",
    "0, 0, 1"
  })
  void theSignTestIsTheExactTwoSidedBinomialTail(int below, int n, double p) {
    assertThat(RatioStatistics.signTestP(below, n)).isCloseTo(p, within(1e-12));
  }

  @Test
  void theIntervalIsReadOffTheSortedRatiosAtThoseRanks() {
    // 1/100 .. 100/100 shuffled: the value at rank r is r / 100
    double[] ratios =
        IntStream.rangeClosed(1, 100)
            .map(i -> (i * 37) % 100 + 1)
            .asDoubleStream()
            .map(v -> v / 100)
            .toArray();

    RatioStatistics s = RatioStatistics.of(ratios);

    assertThat(s.rounds()).isEqualTo(100);
    assertThat(s.medianLow()).isEqualTo(0.40);
    assertThat(s.medianHigh()).isEqualTo(0.61);
    assertThat(s.median()).isEqualTo(0.51);
    assertThat(s.lowerQuartile()).isEqualTo(0.26);
    assertThat(s.upperQuartile()).isEqualTo(0.76);
    assertThat(s.shareFaster()).isEqualTo(0.99); // 1.00 is a tie, neither faster nor slower
    assertThat(s.shownFaster()).isTrue();
    assertThat(ratios[0]).isEqualTo(0.38); // the caller's array is left as it was
  }

  @Test
  void aWideSpreadAroundOneIsNotShownEvenWhenTheMedianIsBelowIt() {
    // 20 rounds, 11 below 1: the median is below 1 but ranks 6..15 straddle it
    double[] ratios = {
      0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, //
      1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07, 1.08, 1.09
    };

    RatioStatistics s = RatioStatistics.of(ratios);

    assertThat(s.median()).isLessThan(1);
    assertThat(s.medianLow()).isEqualTo(0.95);
    assertThat(s.medianHigh()).isEqualTo(1.04);
    assertThat(s.shownFaster()).isFalse();
    assertThat(s.shareFaster()).isEqualTo(0.55);
    assertThat(s.signTestP()).isCloseTo(0.8238029479980469, within(1e-12));
  }

  @Test
  void noRoundsIsAProgrammerError() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RatioStatistics.of(new double[0]))
        .withMessageContaining("ratios");
  }
}
