package io.cachelet.filter;

import io.cachelet.store.CacheStore;
import io.cachelet.store.ForwardingStore;
import io.cachelet.store.ScanPage;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that fails every call while {@link #broken} is set: the fault injected at the port. The
 * failure count and breaker state are those of the store behind, so an outage that store absorbs
 * reaches the filter as it would in production. Counts the value bytes written through it.
 */
final class SwitchableStore extends ForwardingStore {

  volatile boolean broken;
  volatile long writeDelayMillis;
  final AtomicLong bytesWritten = new AtomicLong();

  SwitchableStore(CacheStore delegate) {
    super(delegate);
  }

  private CacheStore live() {
    if (broken) {
      throw new StoreUnavailableException("store switched off", null);
    }
    return delegate;
  }

  @Override
  public byte[] get(String key) {
    return live().get(key);
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    return live().getAll(keys);
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    slowWrite();
    live().put(key, value, ttl);
    bytesWritten.addAndGet(value.length);
  }

  private void slowWrite() {
    long delay = writeDelayMillis;
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    live().putAll(entries, ttl);
    entries.values().forEach(value -> bytesWritten.addAndGet(value.length));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return live().putIfAbsent(key, value, ttl);
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    return live().deleteIfEquals(key, expected);
  }

  @Override
  public boolean delete(String key) {
    return live().delete(key);
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    return live().deleteAll(keys);
  }

  @Override
  public boolean exists(String key) {
    return live().exists(key);
  }

  @Override
  public Optional<Duration> ttl(String key) {
    return live().ttl(key);
  }

  @Override
  public long increment(String key, long delta) {
    return live().increment(key, delta);
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    live().addToSet(key, members, ttl);
  }

  @Override
  public Set<String> setMembers(String key) {
    return live().setMembers(key);
  }

  @Override
  public long clear(String pattern) {
    return live().clear(pattern);
  }

  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    return live().scan(pattern, cursor, count);
  }

  @Override
  public Duration ping() {
    return live().ping();
  }

  /** DOWN while broken, as an unreachable store reports itself; else the store's own report. */
  @Override
  public StoreHealth health() {
    return broken ? StoreHealth.probe(this) : delegate.health();
  }
}
