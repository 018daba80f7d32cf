package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import io.cachelet.testing.TestClock;

/** The filter suite on Jetty, storing in a real Redis behind the resilient store. */
@RedisTest
class RedisJettyFilterTest extends ResponseCacheFilterContract {

  private final RedisServer redis;

  RedisJettyFilterTest(RedisServer redis) {
    this.redis = redis;
  }

  @Override
  TestContainer newContainer() {
    return new JettyContainer();
  }

  @Override
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return CacheStores.create(onRedis(config).redisUrl(redis.url()).build());
  }
}
