package io.cachelet.cache;

import io.cachelet.codec.ValueCodec;
import io.cachelet.config.CacheletConfig;
import io.cachelet.config.EncryptionSettings;
import io.cachelet.key.KeyBuilder;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreStateListener;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The named caches over one store, created on first use. Thread-safe.
 *
 * <p>It listens to the store's state ({@link StoreStateListener}): evictions made while the store
 * is down are remembered and made safe when it comes back, by a new generation of each cache that
 * missed one.
 */
public final class Caches implements StoreStateListener {

  private final CacheStore store;
  private final KeyBuilder keys;
  private final ValueCodec codec;
  private final Clock clock;
  private final CacheletConfig config;
  private final ConcurrentMap<String, Cache> byName = new ConcurrentHashMap<>();
  private final List<Consumer<? super Cache>> listeners = new CopyOnWriteArrayList<>();

  public Caches(
      CacheStore store, KeyBuilder keys, ValueCodec codec, Clock clock, CacheletConfig config) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The cache called {@code name}. */
  public Cache get(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A cache name must not be blank");
    }
    Cache existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    EncryptionSettings encryption = config.encryption();
    boolean encrypting = encryption.enabled();
    Cache created =
        new StoreCache(
            name,
            store,
            keys,
            codec,
            clock,
            config.defaultTtl(),
            config.loadWait(),
            encrypting
                ? encryption.requireCipher("cache '" + name + "'")
                : encryption.cipher().orElse(null),
            encrypting);
    existing = byName.putIfAbsent(name, created);
    if (existing != null) {
      return existing;
    }
    // outside any map operation: a listener may well look the cache up again
    for (Consumer<? super Cache> listener : listeners) {
      listener.accept(created);
    }
    return created;
  }

  /**
   * The cache called {@code name}, sealing the entries it writes from now on (it reads plain and
   * sealed ones alike).
   *
   * @throws io.cachelet.config.ConfigException naming {@code CACHELET_ENCRYPTION_KEYS} when no key
   *     is configured
   */
  public Cache encrypted(String name) {
    config.encryption().requireCipher("cache '" + name + "'");
    StoreCache cache = (StoreCache) get(name);
    cache.encryptFromNowOn();
    return cache;
  }

  /**
   * Calls {@code listener} with every cache, those created so far now and each later one right
   * after it is created, on the thread that created it. A cache created while this method runs may
   * be passed twice, so the listener should be idempotent (registering meters is).
   */
  public void forEachCache(Consumer<? super Cache> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    for (Cache cache : byName.values()) {
      listener.accept(cache);
    }
  }

  @Override
  public void storeDown() {
    byName.values().forEach(c -> ((StoreCache) c).storeDown());
  }

  @Override
  public void storeRecovered() {
    byName.values().forEach(c -> ((StoreCache) c).storeRecovered());
  }

  /** The caches created so far. */
  public Collection<Cache> all() {
    return List.copyOf(byName.values());
  }

  /** The key builder the caches use. */
  public KeyBuilder keyBuilder() {
    return keys;
  }

  /** The codec the caches use. */
  public ValueCodec codec() {
    return codec;
  }
}
