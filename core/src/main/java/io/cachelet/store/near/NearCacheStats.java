package io.cachelet.store.near;

/**
 * What a near cache did since it was created.
 *
 * @param hits reads served from the local copy
 * @param misses reads that went to the store
 * @param size local copies held right now (estimated)
 * @param invalidations messages from other instances applied
 * @param resyncs times every local copy was dropped because messages may have been missed: on each
 *     (re)subscription and each recovery of the store
 */
public record NearCacheStats(long hits, long misses, long size, long invalidations, long resyncs) {}
