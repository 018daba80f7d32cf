package io.cachelet;

import io.cachelet.cache.Cache;
import io.cachelet.cache.Caches;
import io.cachelet.codec.ValueCodec;
import io.cachelet.config.CacheletConfig;
import io.cachelet.key.KeyBuilder;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreMemory;
import io.cachelet.store.StoreMemorySampler;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The entry point: one store, one key builder and one codec, built from one configuration, and the
 * named caches over them. Create one per application and close it on shutdown. Thread-safe.
 *
 * <pre>{@code
 * Cachelet cachelet = Cachelet.create(CacheletConfig.fromEnvironment());
 * Cache prices = cachelet.cache("prices");
 * Price price = prices.getOrLoad(sku, Price.class, () -> pricing.lookup(sku));
 * }</pre>
 */
public final class Cachelet implements AutoCloseable {

  private final CacheletConfig config;
  private final CacheStore store;
  private final Caches caches;
  private final StoreMemorySampler memory;

  private Cachelet(CacheletConfig config, CacheStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.caches = new Caches(store, config.keyBuilder(), ValueCodec.json(), clock, config);
    store.addStateListener(caches);
    this.memory = StoreMemorySampler.start(store, config.healthMemoryInterval());
  }

  /** Cachelet on the store {@code config} asks for. */
  public static Cachelet create(CacheletConfig config) {
    Objects.requireNonNull(config, "config");
    return new Cachelet(config, CacheStores.create(config), Clock.systemUTC());
  }

  /** Cachelet on a store built elsewhere, e.g. a decorated or test store; closing closes it. */
  public static Cachelet create(CacheletConfig config, CacheStore store, Clock clock) {
    return new Cachelet(
        Objects.requireNonNull(config, "config"),
        Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(clock, "clock"));
  }

  /** The cache called {@code name}, created on first use; the same instance for the same name. */
  public Cache cache(String name) {
    return caches.get(name);
  }

  /**
   * The cache called {@code name}, encrypting what it writes from now on.
   *
   * @throws io.cachelet.config.ConfigException when no encryption key is configured
   */
  public Cache encryptedCache(String name) {
    return caches.encrypted(name);
  }

  /** The caches created so far. */
  public Collection<Cache> caches() {
    return caches.all();
  }

  /**
   * Calls {@code listener} with every cache: those created so far at once, each later one when it
   * is created. For binders that publish per-cache figures, such as metrics.
   */
  public void forEachCache(Consumer<? super Cache> listener) {
    caches.forEachCache(listener);
  }

  /** The store every cache writes to. */
  public CacheStore store() {
    return store;
  }

  /** How keys are built for this application's prefix. */
  public KeyBuilder keyBuilder() {
    return caches.keyBuilder();
  }

  /** The codec values are written with. */
  public ValueCodec codec() {
    return caches.codec();
  }

  /** The configuration this instance was built from. */
  public CacheletConfig config() {
    return config;
  }

  /** How the store is doing. */
  public StoreHealth health() {
    return store.health();
  }

  /**
   * The store's memory figures as last read, every {@code health.memory-interval}: empty before the
   * first reading, while the store does not answer, and for a store that has none.
   */
  public Optional<StoreMemory> memory() {
    return memory.latest();
  }

  /** Closes the store: its connections and threads. */
  @Override
  public void close() {
    try {
      memory.close();
    } finally {
      store.close();
    }
  }
}
