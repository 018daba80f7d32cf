package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void anOddCountHasItsMiddleValueAsTheMedian() {
    assertThat(Spread.of(List.of(3.0, 1.0, 9.0, 2.0, 5.0))).isEqualTo(new Spread(3.0, 1.0, 9.0, 5));
  }

  @Test
  void anEvenCountHasTheMeanOfItsTwoMiddleValues() {
    assertThat(Spread.of(List.of(4.0, 1.0, 2.0, 10.0))).isEqualTo(new Spread(3.0, 1.0, 10.0, 4));
  }

  @Test
  void oneValueIsItsOwnRange() {
    assertThat(Spread.of(List.of(7.5))).isEqualTo(new Spread(7.5, 7.5, 7.5, 1));
  }

  @Test
  void nothingToSummariseIsAnError() {
    assertThatIllegalArgumentException().isThrownBy(() -> Spread.of(List.of()));
  }
}
