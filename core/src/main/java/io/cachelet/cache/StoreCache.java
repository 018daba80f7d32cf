package io.cachelet.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.cachelet.codec.EntryFormatException;
import io.cachelet.codec.Envelope;
import io.cachelet.codec.ValueCodec;
import io.cachelet.key.KeyBuilder;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Cache} over a {@link CacheStore}: envelopes, JSON, single-flight loads, counters. */
final class StoreCache implements Cache {

  private static final Logger LOG = LoggerFactory.getLogger(StoreCache.class);

  private final String name;
  private final CacheStore store;
  private final KeyBuilder keys;
  private final ValueCodec codec;
  private final Clock clock;
  private final Duration defaultTtl;
  private final Duration loadWait;
  private final CacheCounters counters = new CacheCounters();
  private final SingleFlight<Object> loads = new SingleFlight<>();

  StoreCache(
      String name,
      CacheStore store,
      KeyBuilder keys,
      ValueCodec codec,
      Clock clock,
      Duration defaultTtl,
      Duration loadWait) {
    this.name = Objects.requireNonNull(name, "name");
    this.store = store;
    this.keys = keys;
    this.codec = codec;
    this.clock = clock;
    this.defaultTtl = defaultTtl;
    this.loadWait = loadWait;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public <T> Optional<CachedValue<T>> get(String key, Class<T> type) {
    return get(key, codec.types().constructType(type));
  }

  @Override
  public <T> Optional<CachedValue<T>> get(String key, TypeReference<T> type) {
    return get(key, codec.types().constructType(type));
  }

  @Override
  public <T> Optional<CachedValue<T>> get(String key, JavaType type) {
    String storeKey = keys.key(AREA, name, key);
    byte[] bytes;
    try {
      bytes = store.get(storeKey);
    } catch (StoreException e) {
      counters.errors.increment();
      counters.misses.increment();
      return Optional.empty();
    }
    Optional<CachedValue<T>> found = bytes == null ? Optional.empty() : read(storeKey, bytes, type);
    (found.isPresent() ? counters.hits : counters.misses).increment();
    return found;
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<CachedValue<T>> read(String storeKey, byte[] bytes, JavaType type) {
    try {
      Envelope envelope = Envelope.parse(bytes);
      if (!envelope.isFreshAt(clock.instant())) {
        return Optional.empty();
      }
      T value = envelope.isNull() ? null : (T) codec.decode(envelope.payload(), type);
      return Optional.of(new CachedValue<>(value, envelope.storedAt(), envelope.freshUntil()));
    } catch (EntryFormatException e) {
      counters.decodeFailures.increment();
      LOG.debug("Deleting unreadable entry {}: {}", storeKey, e.getMessage());
      try {
        store.delete(storeKey);
      } catch (StoreException deleteFailed) {
        counters.errors.increment();
      }
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, Object value) {
    put(key, value, defaultTtl);
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    JavaType type = codec.types().constructType(value == null ? Object.class : value.getClass());
    put(key, value, type, ttl);
  }

  @Override
  public void put(String key, Object value, JavaType type, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    String storeKey = keys.key(AREA, name, key);
    Instant now = clock.instant();
    Instant freshUntil = now.plus(ttl);
    Envelope envelope =
        value == null
            ? Envelope.ofNull(now, freshUntil)
            : Envelope.of(codec.encode(value, type), now, freshUntil);
    try {
      store.put(storeKey, envelope.toBytes(), ttl);
    } catch (StoreException e) {
      counters.errors.increment();
    }
  }

  @Override
  public boolean evict(String key) {
    try {
      return store.delete(keys.key(AREA, name, key));
    } catch (StoreException e) {
      counters.errors.increment();
      return false;
    }
  }

  @Override
  public long clear() {
    try {
      return store.clear(keys.pattern(AREA, name));
    } catch (StoreException e) {
      counters.errors.increment();
      return 0;
    }
  }

  @Override
  public <T> T getOrLoad(String key, Class<T> type, Callable<? extends T> loader) {
    return getOrLoad(key, codec.types().constructType(type), defaultTtl, loader);
  }

  @Override
  public <T> T getOrLoad(String key, TypeReference<T> type, Callable<? extends T> loader) {
    return getOrLoad(key, codec.types().constructType(type), defaultTtl, loader);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getOrLoad(String key, JavaType type, Duration ttl, Callable<? extends T> loader) {
    Objects.requireNonNull(loader, "loader");
    Optional<CachedValue<T>> cached = get(key, type);
    if (cached.isPresent()) {
      return cached.get().value();
    }
    try {
      return (T) loads.run(keys.key(AREA, name, key), loadWait, () -> load(key, type, ttl, loader));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoadException("The loader of " + name + "[" + key + "] failed", e);
    }
  }

  private <T> T load(String key, JavaType type, Duration ttl, Callable<? extends T> loader)
      throws Exception {
    long start = System.nanoTime();
    T value;
    try {
      value = loader.call();
    } catch (Exception | Error e) {
      counters.loadFailures.increment();
      throw e;
    } finally {
      counters.loadNanos.add(System.nanoTime() - start);
    }
    counters.loads.increment();
    put(key, value, type, ttl);
    return value;
  }

  @Override
  public CacheStats stats() {
    return counters.snapshot(loads);
  }

  @Override
  public String toString() {
    return "Cache[" + name + "]";
  }
}
