package io.cachelet.store;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The byte-oriented store every way into Cachelet delegates to: the filter, the method cache and
 * the programmatic {@link io.cachelet.cache.Cache} API. It knows nothing of Java types; codecs do.
 *
 * <p>Keys are strings that were built by {@link io.cachelet.key.KeyBuilder}, so they never hold
 * control characters or whitespace. Values are opaque bytes. Every TTL must be positive: a cache
 * entry that never expires is a leak waiting to happen, so only {@link #increment counters} are
 * written without one.
 *
 * <p>Implementations are thread-safe. Failures surface as {@link StoreException} ({@link
 * StoreUnavailableException} when the backend can't be reached); the resilient decorator turns them
 * into misses and dropped writes so that callers of a decorated store never see them. Batched
 * operations cost one round trip (pipelined on Redis).
 */
public interface CacheStore extends AutoCloseable {

  /** What {@link #ttl} reports for a key that exists but has no expiry (a counter). */
  Duration NO_EXPIRY = ChronoUnit.FOREVER.getDuration();

  /** The value under {@code key}, or {@code null} when there is none. */
  byte[] get(String key);

  /** The values of those {@code keys} that exist; absent keys are absent from the map. */
  Map<String, byte[]> getAll(Collection<String> keys);

  /** Stores {@code value} under {@code key}, replacing any value, expiring after {@code ttl}. */
  void put(String key, byte[] value, Duration ttl);

  /** Stores every entry with the same {@code ttl}. */
  void putAll(Map<String, byte[]> entries, Duration ttl);

  /**
   * Stores {@code value} only when {@code key} holds nothing (Redis {@code SET NX PX}).
   *
   * @return whether the value was stored
   */
  boolean putIfAbsent(String key, byte[] value, Duration ttl);

  /**
   * Deletes {@code key} only while it still holds {@code expected}, atomically: the release half of
   * a lock taken with {@link #putIfAbsent}.
   *
   * @return whether the key was deleted
   */
  boolean deleteIfEquals(String key, byte[] expected);

  /** Deletes {@code key}; returns whether it existed. */
  boolean delete(String key);

  /** Deletes every key in {@code keys}; returns how many existed. */
  long deleteAll(Collection<String> keys);

  /** Whether {@code key} exists. */
  boolean exists(String key);

  /**
   * Gives {@code key} {@code ttl} more to live from now, keeping its value (Redis {@code PEXPIRE}):
   * a renewed entry need not be written again.
   *
   * @return whether the key exists
   */
  boolean expire(String key, Duration ttl);

  /**
   * The time {@code key} has left to live: empty when the key does not exist, {@link #NO_EXPIRY}
   * when it never expires.
   */
  Optional<Duration> ttl(String key);

  /**
   * Adds {@code delta} to the counter under {@code key} (created at 0, with no expiry) and returns
   * the new value. The counter reads back through {@link #get} as its decimal ASCII digits.
   */
  long increment(String key, long delta);

  /**
   * Adds {@code members} to the set under {@code key} and makes the set live at least {@code ttl}
   * from now: an existing longer expiry is kept. Used for tags (surrogate keys).
   */
  void addToSet(String key, Collection<String> members, Duration ttl);

  /** The members of the set under {@code key}; empty when there is none. */
  Set<String> setMembers(String key);

  /**
   * Deletes every key matching the Redis glob {@code pattern}, in batches that never block the
   * server (SCAN + UNLINK, never KEYS). Keys written while it runs may survive.
   *
   * @return how many keys were deleted
   */
  long clear(String pattern);

  /**
   * One page of the keys matching the Redis glob {@code pattern}, for browsing. Start with {@link
   * ScanPage#START} and pass each page's {@link ScanPage#cursor()} back until {@link
   * ScanPage#isLast()}. Like Redis SCAN, a key present for the whole iteration is returned at least
   * once; {@code count} is a hint, not a limit.
   */
  ScanPage scan(String pattern, String cursor, int count);

  /**
   * Round-trips to the backend once and returns how long that took.
   *
   * @throws StoreException when the backend does not answer
   */
  Duration ping();

  /** What kind of backend this is, for health reports: {@code "redis"} or {@code "memory"}. */
  String backend();

  /** Connection-pool figures, or {@link PoolStats#NONE} for a store without a pool. */
  default PoolStats poolStats() {
    return PoolStats.NONE;
  }

  /**
   * The backend's memory figures, asked for now: one {@code INFO} per Redis server, so call it on a
   * schedule (as {@link StoreMemorySampler} does), never per request. Empty when the backend has
   * none to tell.
   *
   * @throws StoreException when the backend does not answer
   */
  default Optional<StoreMemory> memory() {
    return Optional.empty();
  }

  /** What the near cache in front of the store did, when there is one (empty otherwise). */
  default Optional<NearCacheStats> nearCache() {
    return Optional.empty();
  }

  /**
   * How the store is doing. The default pings once: UP with the latency, or DOWN with the error.
   * Decorators with a circuit breaker report DEGRADED while it is not closed.
   */
  default StoreHealth health() {
    return StoreHealth.probe(this);
  }

  /**
   * How many calls, since this store was created, were answered from a fallback because the backend
   * failed or its circuit breaker was open. Only a store that absorbs failures counts them (the
   * resilient decorator, and decorators in front of it pass its count on); a store that throws
   * instead reports 0. A caller that must tell a miss from an outage compares it before and after.
   */
  default long failures() {
    return 0;
  }

  /** The state of the circuit breaker guarding the backend, {@code NONE} when there is none. */
  default StoreHealth.BreakerState breakerState() {
    return StoreHealth.BreakerState.NONE;
  }

  /**
   * Registers {@code listener} for this store's down and recovered events. Only a store that can
   * tell (a decorator with a circuit breaker) ever calls it; the default ignores it.
   */
  default void addStateListener(StoreStateListener listener) {}

  /** Releases connections and threads; the store can't be used afterwards. */
  @Override
  void close();
}
