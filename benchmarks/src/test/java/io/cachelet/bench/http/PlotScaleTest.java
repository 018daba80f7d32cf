package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PlotScaleTest {

  @Test
  void mapsTheEndsOntoThePixelEndsEitherWayRound() {
    assertThat(PlotScale.map(0, 0, 2, 340, 40)).isEqualTo(340);
    assertThat(PlotScale.map(2, 0, 2, 340, 40)).isEqualTo(40);
    assertThat(PlotScale.map(1, 0, 2, 340, 40)).isEqualTo(190);
    assertThat(PlotScale.map(0.5, 0, 1, 0, 101)).isEqualTo(51);
  }

  @Test
  void anEmptyRangeIsAnError() {
    assertThatIllegalArgumentException().isThrownBy(() -> PlotScale.map(1, 2, 2, 0, 10));
  }
}
