package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FillStampsTest {

  @Test
  void aStampChangesWhenAFillOfItsKeyCompletes() {
    FillStamps stamps = new FillStamps();
    CanonicalKey key = new CanonicalKey("1:a", "aaaa");
    long stamp = stamps.stamp(key);
    assertThat(stamps.changedSince(key, stamp)).isFalse();
    stamps.record(key);
    assertThat(stamps.changedSince(key, stamp)).isTrue();
    assertThat(stamps.changedSince(key, stamps.stamp(key))).isFalse();
  }
}
