package io.cachelet.store.redis;

import io.cachelet.store.ScanPage;

/**
 * How SCAN reaches every key: on one server (standalone, or the master a sentinel names), or on
 * each primary of a cluster. Implementations throw Jedis' exceptions; the store translates them.
 */
interface KeySpace {

  /** How many keys one SCAN step of {@link #clear} asks for, and so the most one UNLINK deletes. */
  int CLEAR_BATCH = 1000;

  /** Deletes the keys matching {@code pattern}, batch by batch; returns how many. */
  long clear(byte[] pattern);

  /**
   * One page of the keys matching {@code pattern}; see {@link io.cachelet.store.CacheStore#scan}.
   */
  ScanPage scan(byte[] pattern, String cursor, int count);
}
