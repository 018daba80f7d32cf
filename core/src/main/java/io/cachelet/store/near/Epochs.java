package io.cachelet.store.near;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Invalidation counters that tell a loader whether the key it read changed while it read: one
 * counter for "everything" and a stripe of counters for single keys. A stamp is the sum of the
 * global counter and the key's stripe; both only grow, so the sum changes whenever either does.
 * Keys sharing a stripe only cost a skipped local copy, never a stale one.
 */
final class Epochs {

  private static final int STRIPES = 1024;

  private final AtomicLong all = new AtomicLong();
  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  long stamp(String key) {
    return all.get() + stripes.get(stripe(key));
  }

  void bump(String key) {
    stripes.incrementAndGet(stripe(key));
  }

  void bumpAll() {
    all.incrementAndGet();
  }
}
