package io.cachelet.store;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.RemovalListener;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a Caffeine cache evicted to stay within its size or weight bound — not expiries, not
 * explicit removals — for the in-process stores' eviction meters. Costs nothing on reads, unlike
 * Caffeine's {@code recordStats()}. Thread-safe.
 */
public final class SizeEvictions implements RemovalListener<Object, Object> {

  private final LongAdder count = new LongAdder();

  @Override
  public void onRemoval(Object key, Object value, RemovalCause cause) {
    if (cause == RemovalCause.SIZE) {
      count.increment();
    }
  }

  /** Entries evicted by the bound so far. */
  public long count() {
    return count.sum();
  }
}
