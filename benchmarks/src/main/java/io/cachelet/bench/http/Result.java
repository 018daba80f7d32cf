package io.cachelet.bench.http;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One wrk run: what it counted, in its own units (bytes, microseconds), and the CPU the serving
 * processes used meanwhile.
 *
 * @param cpuTicks user and system time of every serving process during the run, in clock ticks
 * @param cpuUsPerRequest that time in microseconds per completed request
 */
record Result(
    long requests,
    long bytes,
    long durationUs,
    double p50Us,
    double p99Us,
    long errors,
    long non2xx,
    long cpuTicks,
    double cpuUsPerRequest) {

  double rps() {
    return requests * 1_000_000.0 / durationUs;
  }

  double bytesPerResponse() {
    return requests == 0 ? 0 : (double) bytes / requests;
  }

  /** The run with the median throughput; its latencies come with it. */
  static Result median(List<Result> results) {
    List<Result> sorted = results.stream().sorted(Comparator.comparingDouble(Result::rps)).toList();
    return sorted.get(sorted.size() / 2);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %7.0f B/resp  CPU %7.1f us/req (%d ticks)"
            + "  errors %d",
        rps(),
        p50Us / 1000,
        p99Us / 1000,
        bytesPerResponse(),
        cpuUsPerRequest,
        cpuTicks,
        errors + non2xx);
  }
}
