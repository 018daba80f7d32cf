package io.cachelet.bench.http;

/**
 * Clock ticks to microseconds of CPU per request. Linux accounts process CPU in ticks of {@code 1 /
 * CLK_TCK} seconds (10 ms at the usual 100), so a run must use several hundred ticks for the
 * rounding of its two readings (at most one tick each) to stay below a per cent.
 *
 * @param ticksPerSecond {@code getconf CLK_TCK}
 */
record CpuTime(long ticksPerSecond) {

  CpuTime {
    if (ticksPerSecond <= 0) {
      throw new IllegalArgumentException("CLK_TCK must be positive, was " + ticksPerSecond);
    }
  }

  double micros(long ticks) {
    return ticks * 1_000_000.0 / ticksPerSecond;
  }

  /** CPU per completed request; NaN when nothing completed, so no figure is made up. */
  double microsPerRequest(long ticks, long requests) {
    return requests <= 0 ? Double.NaN : micros(ticks) / requests;
  }
}
