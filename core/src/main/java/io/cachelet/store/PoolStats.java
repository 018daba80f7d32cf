package io.cachelet.store;

/**
 * A snapshot of a connection pool.
 *
 * @param active connections lent out right now
 * @param idle connections waiting in the pool
 * @param waiters threads blocked waiting for a connection
 * @param max the most connections the pool will open
 */
public record PoolStats(int active, int idle, int waiters, int max) {

  /** What a store without a connection pool reports. */
  public static final PoolStats NONE = new PoolStats(0, 0, 0, 0);
}
