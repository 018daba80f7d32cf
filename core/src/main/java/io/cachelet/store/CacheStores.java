package io.cachelet.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.store.near.NearCacheLimits;
import io.cachelet.store.near.NearCacheStore;
import io.cachelet.store.redis.RedisStore;
import io.cachelet.store.resilient.ResilientStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the store a configuration asks for; the one place that knows the adapters. */
public final class CacheStores {

  private static final Logger LOG = LoggerFactory.getLogger(CacheStores.class);

  /** What follows the key prefix in the name of the near caches' invalidation channel. */
  static final String INVALIDATION_CHANNEL = ":invalidations";

  /**
   * How often the invalidation subscription is pinged; its reads time out after three times that,
   * so a dead Redis is noticed within about two seconds.
   */
  static final Duration INVALIDATION_PING = Duration.ofMillis(500);

  private CacheStores() {}

  /**
   * The store for {@code config}: Redis (one server, a cluster or a sentinel group) behind a
   * circuit breaker when Redis is configured, with a near cache in front when it is enabled; the
   * in-process store otherwise (said once in the log).
   *
   * @throws io.cachelet.config.ConfigException when the Redis server rejects the credentials or its
   *     TLS certificate is not trusted; a server that does not answer yet is not an error
   */
  public static CacheStore create(CacheletConfig config) {
    if (config.redis().isEmpty()) {
      if (config.nearCacheEnabled()) {
        LOG.info(
            "near-cache.enabled is ignored without Redis: the in-process store is near already.");
      }
      LOG.info(
          "No Redis configured (REDIS_URL and REDIS_HOST are unset): caching in process, up to {}"
              + " bytes. Entries are not shared between instances and are lost on restart.",
          config.memoryMaxBytes());
      return MemoryStore.create(config.memoryMaxBytes());
    }
    RedisStore redis = RedisStore.connect(config);
    ResilientStore resilient = ResilientStore.wrap(redis, config);
    if (!config.nearCacheEnabled()) {
      return resilient;
    }
    NearCacheLimits limits =
        config
            .nearCacheMaxBytes()
            .map(bytes -> NearCacheLimits.bytes(bytes, config.nearCacheTtlCap()))
            .orElseGet(
                () ->
                    NearCacheLimits.entries(
                        config.nearCacheMaxEntries(), config.nearCacheTtlCap()));
    InvalidationBus bus =
        config.nearCacheTracking()
            ? redis.trackingInvalidationBus(config.keyPrefix() + ":", INVALIDATION_PING)
            : redis.invalidationBus(config.keyPrefix() + INVALIDATION_CHANNEL, INVALIDATION_PING);
    NearCacheStore near = NearCacheStore.create(resilient, bus, limits, Ticker.systemTicker());
    resilient.addStateListener(near);
    return near;
  }
}
