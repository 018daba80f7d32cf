package io.cachelet.store.resilient;

import java.time.Duration;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link StoreStats}; contention-free, so every call can update them. */
final class StoreCounters {

  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder shortCircuited = new LongAdder();
  private final LongAdder calls = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

  void recordCall(long nanos) {
    calls.increment();
    totalNanos.add(nanos);
    maxNanos.accumulate(nanos);
  }

  StoreStats snapshot() {
    return new StoreStats(
        hits.sum(),
        misses.sum(),
        errors.sum(),
        shortCircuited.sum(),
        calls.sum(),
        Duration.ofNanos(totalNanos.sum()),
        Duration.ofNanos(maxNanos.get()));
  }
}
