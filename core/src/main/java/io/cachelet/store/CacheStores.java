package io.cachelet.store;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.store.redis.RedisStore;
import io.cachelet.store.resilient.ResilientStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the store a configuration asks for; the one place that knows the adapters. */
public final class CacheStores {

  private static final Logger LOG = LoggerFactory.getLogger(CacheStores.class);

  private CacheStores() {}

  /**
   * The store for {@code config}: Redis behind a circuit breaker when a Redis server is configured,
   * the in-process store otherwise (said once in the log).
   *
   * @throws io.cachelet.config.ConfigException when the Redis server rejects the credentials or its
   *     TLS certificate is not trusted; a server that does not answer yet is not an error
   */
  public static CacheStore create(CacheletConfig config) {
    if (config.redis().isEmpty()) {
      LOG.info(
          "No Redis configured (REDIS_URL and REDIS_HOST are unset): caching in process, up to {}"
              + " bytes. Entries are not shared between instances and are lost on restart.",
          config.memoryMaxBytes());
      return MemoryStore.create(config.memoryMaxBytes());
    }
    return ResilientStore.wrap(RedisStore.connect(config), config);
  }
}
