package io.cachelet.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store that passes every call, unchanged, to the store it wraps: the base of decorators and test
 * doubles, which override only what they change.
 *
 * <p>Every method of {@link CacheStore} is forwarded, the defaults included: {@link #failures()},
 * {@link #breakerState()}, {@link #memory()} and {@link #addStateListener} reach the circuit
 * breaker behind, {@link #health()} is the wrapped store's own report, and {@link #close()} closes
 * the wrapped store. A decorator that adds a method to the port gets it forwarded only when it is
 * added here too, which is the point: a wrapper that forgot to forward one hid an outage from
 * whoever stood in front of it. Thread-safe when the wrapped store is and the subclass keeps to it.
 */
public abstract class ForwardingStore implements CacheStore {

  /** The store every call not overridden goes to; never {@code null}. */
  protected final CacheStore delegate;

  /**
   * @throws NullPointerException when {@code delegate} is {@code null}
   */
  protected ForwardingStore(CacheStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public byte[] get(String key) {
    return delegate.get(key);
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    return delegate.getAll(keys);
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    delegate.put(key, value, ttl);
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    delegate.putAll(entries, ttl);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return delegate.putIfAbsent(key, value, ttl);
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    return delegate.deleteIfEquals(key, expected);
  }

  @Override
  public boolean delete(String key) {
    return delegate.delete(key);
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    return delegate.deleteAll(keys);
  }

  @Override
  public boolean exists(String key) {
    return delegate.exists(key);
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    return delegate.expire(key, ttl);
  }

  @Override
  public Optional<Duration> ttl(String key) {
    return delegate.ttl(key);
  }

  @Override
  public long increment(String key, long delta) {
    return delegate.increment(key, delta);
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    delegate.addToSet(key, members, ttl);
  }

  @Override
  public Set<String> setMembers(String key) {
    return delegate.setMembers(key);
  }

  @Override
  public long clear(String pattern) {
    return delegate.clear(pattern);
  }

  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    return delegate.scan(pattern, cursor, count);
  }

  @Override
  public Duration ping() {
    return delegate.ping();
  }

  @Override
  public String backend() {
    return delegate.backend();
  }

  @Override
  public PoolStats poolStats() {
    return delegate.poolStats();
  }

  @Override
  public Optional<StoreMemory> memory() {
    return delegate.memory();
  }

  @Override
  public Optional<NearCacheStats> nearCache() {
    return delegate.nearCache();
  }

  @Override
  public StoreHealth health() {
    return delegate.health();
  }

  @Override
  public long failures() {
    return delegate.failures();
  }

  @Override
  public StoreHealth.BreakerState breakerState() {
    return delegate.breakerState();
  }

  @Override
  public void addStateListener(StoreStateListener listener) {
    delegate.addStateListener(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
