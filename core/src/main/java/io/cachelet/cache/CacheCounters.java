package io.cachelet.cache;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link CacheStats}; cheap to bump from many threads. */
final class CacheCounters {

  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder loadNanos = new LongAdder();
  final LongAdder decodeFailures = new LongAdder();
  final LongAdder decryptFailures = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder staleServed = new LongAdder();
  final LongAdder asyncCoalesced = new LongAdder();
  final LongAdder asyncTimedOut = new LongAdder();

  /** The counters, with the waits counted by the cache's {@code flights}. */
  CacheStats snapshot(SingleFlight<?> flights) {
    return new CacheStats(
        hits.sum(),
        misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        Duration.ofNanos(loadNanos.sum()),
        flights.coalesced() + asyncCoalesced.sum(),
        flights.timedOut() + asyncTimedOut.sum(),
        decodeFailures.sum(),
        decryptFailures.sum(),
        errors.sum(),
        staleServed.sum());
  }
}
