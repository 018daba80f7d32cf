package io.cachelet.cache;

import java.time.Duration;

/**
 * A snapshot of one cache's counters since it was created.
 *
 * @param hits lookups that found a value (cached nulls included)
 * @param misses lookups that found nothing usable
 * @param loads loader runs that returned
 * @param loadFailures loader runs that threw
 * @param loadTime the time spent in loaders, in total
 * @param coalescedWaits callers that waited for another caller's load of the same key
 * @param waitTimeouts waiters that gave up waiting and loaded for themselves
 * @param decodeFailures stored entries that could not be read and were deleted
 * @param decryptFailures encrypted entries that failed to open (wrong key, changed, cut or moved)
 *     and were deleted
 * @param errors store failures seen by this cache (a resilient store hides most of them)
 * @param staleServed stale entries served while refreshing or because the loader failed
 */
public record CacheStats(
    long hits,
    long misses,
    long loads,
    long loadFailures,
    Duration loadTime,
    long coalescedWaits,
    long waitTimeouts,
    long decodeFailures,
    long decryptFailures,
    long errors,
    long staleServed) {

  /** Hits over lookups, 0 when there were none. */
  public double hitRatio() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
