package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTargetTest {

  private final CpuTarget withinFivePerCent = new CpuTarget("hit-memory", "hit-floor", 1.05);

  @Test
  void aMedianRatioAtTheLimitMeetsIt() {
    assertThat(withinFivePerCent.judge(List.of(1.2, 1.05, 0.9)).met()).isTrue();
  }

  @Test
  void aMedianRatioAboveTheLimitMissesItWhateverTheBestRound() {
    CpuTarget.Verdict verdict = withinFivePerCent.judge(List.of(0.8, 1.06, 1.3));
    assertThat(verdict.met()).isFalse();
    assertThat(verdict.ratio()).isEqualTo(new Spread(1.06, 0.8, 1.3, 3));
    assertThat(verdict.toString()).contains("hit-memory", "hit-floor", "1.060", "MISSED");
  }
}
