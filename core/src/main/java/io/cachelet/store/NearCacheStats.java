package io.cachelet.store;

import java.time.Duration;

/**
 * What a near cache did since it was created.
 *
 * @param hits reads served from the local copy
 * @param misses reads that went to the store
 * @param size local copies held right now (estimated)
 * @param evictions copies dropped to stay within {@code near-cache.max-entries} or {@code
 *     .max-bytes}
 * @param invalidations messages from other instances applied
 * @param resyncs times every local copy was dropped because messages may have been missed: on each
 *     (re)subscription and each recovery of the store
 * @param lagged invalidations that said when their change was published
 * @param lagTotal the sum, over those, of the time from the change to its copies being dropped here
 */
public record NearCacheStats(
    long hits,
    long misses,
    long size,
    long evictions,
    long invalidations,
    long resyncs,
    long lagged,
    Duration lagTotal) {}
