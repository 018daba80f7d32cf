package io.cachelet.cache;

/**
 * Told when the store goes down and when it is back, e.g. by a circuit breaker's state changes.
 * Implementations return quickly and don't throw.
 */
public interface StoreStateListener {

  /** The store stopped answering: writes and evictions from now on may be dropped. */
  void storeDown();

  /** The store answers again. */
  void storeRecovered();
}
