package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentResultsTest {

  @Test
  void aRepeatedArgumentIsAnsweredWithoutComputingAgain() {
    AtomicInteger calls = new AtomicInteger();
    RecentResults<String, String> recent =
        new RecentResults<>(16, a -> a + "!" + calls.incrementAndGet());
    assertThat(recent.get("a")).isEqualTo("a!1");
    assertThat(recent.get(new String("a"))).isEqualTo("a!1");
    assertThat(calls).hasValue(1);
  }

  @Test
  void anArgumentThatLostItsSlotIsComputedAgainAndStillRight() {
    AtomicInteger calls = new AtomicInteger();
    RecentResults<Integer, Integer> recent =
        new RecentResults<>(
            1,
            a -> {
              calls.incrementAndGet();
              return a * 2;
            });
    for (int i = 0; i < 100; i++) {
      assertThat(recent.get(i % 3)).isEqualTo((i % 3) * 2);
    }
    // one slot: every change of argument takes it over
    assertThat(calls).hasValue(100);
  }

  @Test
  void theSlotCountMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new RecentResults<String, String>(12, a -> a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two, was 12");
    assertThatThrownBy(() -> new RecentResults<String, String>(0, a -> a))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
