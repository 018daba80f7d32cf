package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;

/** Encrypted routes on Jetty over a real Redis. */
@RedisTest
class EncryptedRouteRedisTest extends EncryptedRouteContract {

  private final RedisServer redis;

  EncryptedRouteRedisTest(RedisServer redis) {
    this.redis = redis;
  }

  @Override
  CacheStore newStore(CacheletConfig config) {
    return CacheStores.create(config);
  }

  @Override
  CacheletConfig.Builder config() {
    return CacheletConfig.builder().redisUrl(redis.url());
  }
}
