package io.cachelet.filter;

import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the fills completed in this instance, per stripe of keys, so that a request that became
 * the leader of a fill can tell whether another fill of its key may have stored the entry since its
 * lookup: it re-reads the store only then, instead of on every miss. Two keys may share a stripe;
 * that costs a needless re-read, never a missed one. Thread-safe.
 */
final class FillStamps {

  private static final int STRIPES = 1024;

  private final AtomicLongArray completed = new AtomicLongArray(STRIPES);

  /** The stamp of {@code key}'s stripe, to be taken before the lookup. */
  long stamp(CanonicalKey key) {
    return completed.get(stripe(key));
  }

  /** Whether a fill of {@code key}'s stripe completed since {@code stamp} was taken. */
  boolean changedSince(CanonicalKey key, long stamp) {
    return completed.get(stripe(key)) != stamp;
  }

  /** Records that a fill of {@code key} stored its entry; call after the store answered. */
  void record(CanonicalKey key) {
    completed.incrementAndGet(stripe(key));
  }

  private static int stripe(CanonicalKey key) {
    // the key's hash is hex SHA-256: its first digits are as good a spread as any
    return HexFormat.fromHexDigits(key.hash(), 0, 3) % STRIPES;
  }
}
