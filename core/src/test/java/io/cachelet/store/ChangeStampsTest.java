package io.cachelet.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangeStampsTest {

  @Test
  void aStampChangesWhenItsKeyOrEverythingChanges() {
    ChangeStamps changes = new ChangeStamps();
    long stamp = changes.stamp("a");
    assertThat(changes.changedSince("a", stamp)).isFalse();
    changes.changed("a");
    assertThat(changes.changedSince("a", stamp)).isTrue();
    long again = changes.stamp("a");
    changes.changedAll();
    assertThat(changes.changedSince("a", again)).isTrue();
    assertThat(changes.changedSince("a", changes.stamp("a"))).isFalse();
  }
}
