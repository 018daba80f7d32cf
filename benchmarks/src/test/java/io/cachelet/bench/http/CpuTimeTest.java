package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

  @Test
  void aTickIsTenMillisecondsAtTheUsualHundredPerSecond() {
    assertThat(new CpuTime(100).micros(1)).isEqualTo(10_000.0);
    assertThat(new CpuTime(250).micros(5)).isEqualTo(20_000.0);
  }

  @Test
  void dividesTheTicksByTheCompletedRequests() {
    // 500 ticks = 5 s of CPU over 250,000 requests = 20 µs each
    assertThat(new CpuTime(100).microsPerRequest(500, 250_000)).isCloseTo(20.0, within(1e-12));
  }

  @Test
  void noRequestsGiveNoFigureRatherThanInfinity() {
    assertThat(new CpuTime(100).microsPerRequest(10, 0)).isNaN();
  }

  @Test
  void refusesANonPositiveClockRate() {
    assertThatIllegalArgumentException().isThrownBy(() -> new CpuTime(0));
  }
}
