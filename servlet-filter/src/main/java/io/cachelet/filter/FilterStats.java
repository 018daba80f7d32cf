package io.cachelet.filter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the filter's decisions since start. Thread-safe; read for health pages and to judge
 * shadow mode ({@link #shadowHits()} is how many requests the cache would have answered).
 */
public final class FilterStats {

  final LongAdder hits = new LongAdder();
  final LongAdder stale = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder stored = new LongAdder();
  final LongAdder revalidated = new LongAdder();
  final LongAdder bypasses = new LongAdder();
  final LongAdder shadowHits = new LongAdder();
  final LongAdder storeUnavailable = new LongAdder();

  FilterStats() {}

  /** Responses served from a fresh entry (304s included). */
  public long hits() {
    return hits.sum();
  }

  /** Responses served from a stale entry. */
  public long staleHits() {
    return stale.sum();
  }

  /** Requests that went to the application after consulting the cache. */
  public long misses() {
    return misses.sum();
  }

  /** Responses stored. */
  public long stored() {
    return stored.sum();
  }

  /** Misses that a 304 from the application answered from the stale copy, which was renewed. */
  public long revalidated() {
    return revalidated.sum();
  }

  /** Requests on a route that did not consult the cache. */
  public long bypasses() {
    return bypasses.sum();
  }

  /** In shadow mode: requests the cache would have answered. */
  public long shadowHits() {
    return shadowHits.sum();
  }

  /** Requests that found the store unavailable. */
  public long storeUnavailable() {
    return storeUnavailable.sum();
  }
}
