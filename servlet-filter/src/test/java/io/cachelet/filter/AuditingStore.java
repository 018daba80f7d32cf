package io.cachelet.filter;

import io.cachelet.store.CacheStore;
import io.cachelet.store.ForwardingStore;
import io.cachelet.store.ScanPage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes every call to the store underneath, and records what reached it: each key (and pattern)
 * holding a control character, and how many entries were written.
 */
final class AuditingStore extends ForwardingStore {

  final List<String> controlCharacterKeys = new CopyOnWriteArrayList<>();
  final AtomicLong entriesWritten = new AtomicLong();

  AuditingStore(CacheStore delegate) {
    super(delegate);
  }

  private String audit(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        controlCharacterKeys.add(key);
        break;
      }
    }
    return key;
  }

  private <T extends Collection<String>> T auditAll(T keys) {
    keys.forEach(this::audit);
    return keys;
  }

  @Override
  public byte[] get(String key) {
    return delegate.get(audit(key));
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    return delegate.getAll(auditAll(keys));
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    entriesWritten.incrementAndGet();
    delegate.put(audit(key), value, ttl);
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    entriesWritten.addAndGet(entries.size());
    auditAll(entries.keySet());
    delegate.putAll(entries, ttl);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    return delegate.putIfAbsent(audit(key), value, ttl);
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    return delegate.deleteIfEquals(audit(key), expected);
  }

  @Override
  public boolean delete(String key) {
    return delegate.delete(audit(key));
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    return delegate.deleteAll(auditAll(keys));
  }

  @Override
  public boolean exists(String key) {
    return delegate.exists(audit(key));
  }

  @Override
  public Optional<Duration> ttl(String key) {
    return delegate.ttl(audit(key));
  }

  @Override
  public long increment(String key, long delta) {
    return delegate.increment(audit(key), delta);
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    delegate.addToSet(audit(key), members, ttl);
  }

  @Override
  public Set<String> setMembers(String key) {
    return delegate.setMembers(audit(key));
  }

  @Override
  public long clear(String pattern) {
    return delegate.clear(audit(pattern));
  }

  @Override
  public ScanPage scan(String pattern, String cursor, int count) {
    return delegate.scan(audit(pattern), cursor, count);
  }
}
