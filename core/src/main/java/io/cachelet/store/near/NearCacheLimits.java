package io.cachelet.store.near;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a near cache holds and how long a copy may live.
 *
 * @param maxEntries the most entries, or 0 when bounded by bytes
 * @param maxBytes the most bytes of keys and values (roughly), or 0 when bounded by entries
 * @param ttlCap the longest a copy is served without asking the store again, however long the entry
 *     itself lives: the bound on staleness when invalidations are lost
 */
public record NearCacheLimits(long maxEntries, long maxBytes, Duration ttlCap) {

  public NearCacheLimits {
    Objects.requireNonNull(ttlCap, "ttlCap");
    if ((maxEntries > 0) == (maxBytes > 0) || maxEntries < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(
          "Exactly one of maxEntries and maxBytes must be positive, was "
              + maxEntries
              + " and "
              + maxBytes);
    }
    if (ttlCap.isNegative() || ttlCap.isZero()) {
      throw new IllegalArgumentException("ttlCap must be positive, was " + ttlCap);
    }
  }

  /** At most {@code maxEntries} entries, each served for at most {@code ttlCap}. */
  public static NearCacheLimits entries(long maxEntries, Duration ttlCap) {
    return new NearCacheLimits(maxEntries, 0, ttlCap);
  }

  /** At most {@code maxBytes} of keys and values, each served for at most {@code ttlCap}. */
  public static NearCacheLimits bytes(long maxBytes, Duration ttlCap) {
    return new NearCacheLimits(0, maxBytes, ttlCap);
  }
}
