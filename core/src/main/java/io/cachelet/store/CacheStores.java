package io.cachelet.store;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.memory.MemoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the store a configuration asks for; the one place that knows the adapters. */
public final class CacheStores {

  private static final Logger LOG = LoggerFactory.getLogger(CacheStores.class);

  private CacheStores() {}

  /**
   * The store for {@code config}: Redis behind a circuit breaker when a Redis server is configured,
   * the in-process store otherwise (said once in the log).
   */
  public static CacheStore create(CacheletConfig config) {
    if (config.redis().isEmpty()) {
      LOG.info(
          "No Redis configured (REDIS_URL and REDIS_HOST are unset): caching in process, up to {}"
              + " bytes. Entries are not shared between instances and are lost on restart.",
          config.memoryMaxBytes());
      return MemoryStore.create(config.memoryMaxBytes());
    }
    throw new IllegalStateException("Redis store not wired yet");
  }
}
