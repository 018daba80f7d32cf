package io.cachelet.bench.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts JFR execution samples two ways: by their top frame (where the CPU was), and by their first
 * frame in a package of interest (which of our methods the CPU was spent under). Frames are given
 * top first, as JFR records them.
 */
final class SampleCounts {

  private final String packagePrefix;
  private final Map<String, Integer> byTop = new TreeMap<>();
  private final Map<String, Integer> byFirstOurs = new TreeMap<>();
  private int samples;
  private int withOurs;

  SampleCounts(String packagePrefix) {
    this.packagePrefix = packagePrefix;
  }

  void add(List<String> frames) {
    if (frames.isEmpty()) {
      return;
    }
    samples++;
    byTop.merge(frames.get(0), 1, Integer::sum);
    Optional<String> ours = frames.stream().filter(f -> f.startsWith(packagePrefix)).findFirst();
    if (ours.isPresent()) {
      withOurs++;
      byFirstOurs.merge(ours.get(), 1, Integer::sum);
    }
  }

  int samples() {
    return samples;
  }

  /** Samples with a frame of the package anywhere on the stack. */
  int withOurs() {
    return withOurs;
  }

  Map<String, Integer> topFrames(int limit) {
    return largest(byTop, limit);
  }

  Map<String, Integer> firstOurFrames(int limit) {
    return largest(byFirstOurs, limit);
  }

  /** The {@code limit} largest counts, largest first, ties in name order. */
  private static Map<String, Integer> largest(Map<String, Integer> counts, int limit) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
