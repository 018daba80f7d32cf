package io.cachelet.store;

/**
 * Told when a store that was failing answers again, e.g. when a circuit breaker closes. Whatever
 * was cached beside the store while it failed may have missed writes made by other instances; a
 * near cache drops its copies.
 */
@FunctionalInterface
public interface RecoveryListener {

  /** The store answers again. Called on the thread whose call found it answering; must be quick. */
  void storeRecovered();
}
