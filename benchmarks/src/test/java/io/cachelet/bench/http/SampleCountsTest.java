package io.cachelet.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleCountsTest {

  @Test
  void countsTopFramesAndTheFirstFrameOfThePackage() {
    SampleCounts counts = new SampleCounts("io.cachelet.");
    counts.add(List.of("jetty.Parser.parse", "jetty.Connection.run"));
    counts.add(
        List.of("java.util.HashMap.get", "io.cachelet.filter.Writer.write", "io.cachelet.A"));
    counts.add(List.of("java.util.HashMap.get", "io.cachelet.filter.Writer.write"));
    counts.add(List.of("io.cachelet.store.Memory.get"));
    counts.add(List.of());

    assertThat(counts.samples()).isEqualTo(4);
    assertThat(counts.withOurs()).isEqualTo(3);
    assertThat(counts.topFrames(2))
        .containsExactly(
            entry("java.util.HashMap.get", 2), entry("io.cachelet.store.Memory.get", 1));
    assertThat(counts.firstOurFrames(5))
        .containsExactly(
            entry("io.cachelet.filter.Writer.write", 2), entry("io.cachelet.store.Memory.get", 1));
  }
}
