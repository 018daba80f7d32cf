package io.cachelet.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Change counters that tell a reader whether the key it read changed while it read (the near cache:
 * keep a copy?) or since it looked (the filter: re-read before filling?): one counter for
 * "everything" and a stripe of counters for single keys. A stamp is the sum of the global counter
 * and the key's stripe; both only grow, so the sum changes whenever either does. Keys sharing a
 * stripe only cost a needless re-check, never a missed change. Thread-safe.
 */
public final class ChangeStamps {

  private static final int STRIPES = 1024;

  private final AtomicLong all = new AtomicLong();
  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  /** The stamp of {@code key}, to be taken before reading it. */
  public long stamp(String key) {
    return all.get() + stripes.get(stripe(key));
  }

  /** Whether {@code key} (or everything) changed since {@code stamp} was taken. */
  public boolean changedSince(String key, long stamp) {
    return stamp(key) != stamp;
  }

  /** Records a change of {@code key}. */
  public void changed(String key) {
    stripes.incrementAndGet(stripe(key));
  }

  /** Records a change of every key. */
  public void changedAll() {
    all.incrementAndGet();
  }
}
