package io.cachelet.store;

/**
 * Told when a store goes down and when it answers again, by a store that knows (a circuit breaker's
 * state changes). The caches use it to make evictions that may have been dropped meanwhile safe.
 * Implementations return quickly and don't throw.
 */
public interface StoreStateListener {

  /** The store stopped answering: writes and evictions from now on may be dropped. */
  void storeDown();

  /** The store answers again. */
  void storeRecovered();
}
