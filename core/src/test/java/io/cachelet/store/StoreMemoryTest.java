package io.cachelet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreMemoryTest {

  @Test
  void withoutALimitThereIsNoRatio() {
    StoreMemory unlimited = new StoreMemory(1_000, 0, 0);

    assertThat(unlimited.limited()).isFalse();
    assertThat(unlimited.usedRatio()).isNaN();
    assertThat(new StoreMemory(900, 1_000, 0).usedRatio()).isEqualTo(0.9);
  }

  @Test
  void aDeploymentReportsItsFullestServerAndEveryonesEvictions() {
    StoreMemory bigButRoomy = new StoreMemory(600, 1_000, 1);
    StoreMemory smallButFull = new StoreMemory(95, 100, 2);
    StoreMemory unlimited = new StoreMemory(5_000, 0, 4);

    assertThat(StoreMemory.fullestOf(List.of(bigButRoomy, smallButFull, unlimited)))
        .contains(new StoreMemory(95, 100, 7));
    assertThat(StoreMemory.fullestOf(List.of(new StoreMemory(10, 0, 0), unlimited)))
        .contains(new StoreMemory(5_000, 0, 4));
    assertThat(StoreMemory.fullestOf(List.of())).isEmpty();
  }

  @Test
  void figuresAreNeverNegative() {
    assertThatThrownBy(() -> new StoreMemory(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
