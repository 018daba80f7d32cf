package io.cachelet.bench.http;

import java.util.List;
import java.util.Locale;

/**
 * A target on CPU per request: {@code scenario} may cost at most {@code factor} times what {@code
 * other} costs. Both run in every round (each next to its own baseline, seconds apart), so the
 * ratio is taken per round and the verdict is on the median of those ratios.
 *
 * @param scenario the scenario held to the target
 * @param other the scenario it is compared with
 * @param factor the largest acceptable ratio of CPU per request
 */
record CpuTarget(String scenario, String other, double factor) {

  /**
   * The verdict on the per-round ratios of {@code scenario}'s CPU per request to {@code other}'s.
   */
  Verdict judge(List<Double> perRoundRatios) {
    Spread spread = Spread.of(perRoundRatios);
    return new Verdict(this, spread, spread.median() <= factor);
  }

  /** A target with its measured ratio and whether it was met. */
  record Verdict(CpuTarget target, Spread ratio, boolean met) {

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "CPU/req %-12s / %-12s %.3f [%.3f-%.3f over %d rounds]  target <= %.2f %s",
          target.scenario(),
          target.other(),
          ratio.median(),
          ratio.min(),
          ratio.max(),
          ratio.count(),
          target.factor(),
          met ? "MET" : "MISSED");
    }
  }
}
