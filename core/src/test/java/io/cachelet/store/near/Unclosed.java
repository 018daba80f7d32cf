package io.cachelet.store.near;

import io.cachelet.store.CacheStore;
import io.cachelet.store.ScanPage;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A view of a store shared by several near caches in one test, which none of them closes. */
record Unclosed(CacheStore store) implements CacheStore {
  @Override
  public byte[] get(String key) {
    return store.get(key);
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    return store.getAll(keys);
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    store.put(key, value, ttl);
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    store.putAll(entries, ttl);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return store.putIfAbsent(key, value, ttl);
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    return store.deleteIfEquals(key, expected);
  }

  @Override
  public boolean delete(String key) {
    return store.delete(key);
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    return store.deleteAll(keys);
  }

  @Override
  public boolean exists(String key) {
    return store.exists(key);
  }

  @Override
  public Optional<Duration> ttl(String key) {
    return store.ttl(key);
  }

  @Override
  public long increment(String key, long delta) {
    return store.increment(key, delta);
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    store.addToSet(key, members, ttl);
  }

  @Override
  public Set<String> setMembers(String key) {
    return store.setMembers(key);
  }

  @Override
  public long clear(String pattern) {
    return store.clear(pattern);
  }

  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    return store.scan(pattern, cursor, count);
  }

  @Override
  public Duration ping() {
    return store.ping();
  }

  @Override
  public String backend() {
    return store.backend();
  }

  @Override
  public void close() {}
}
