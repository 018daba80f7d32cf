package io.cachelet.method;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;

/** Encrypted method caches on a real Redis. */
@RedisTest
class EncryptedMethodCacheRedisTest extends EncryptedMethodCacheContract {

  private final RedisServer redis;

  EncryptedMethodCacheRedisTest(RedisServer redis) {
    this.redis = redis;
  }

  @Override
  CacheStore openStore() {
    return CacheStores.create(config().build());
  }

  @Override
  CacheletConfig.Builder config() {
    return CacheletConfig.builder().redisUrl(redis.url());
  }
}
