package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import io.cachelet.testing.TestClock;

/** The filter suite on Tomcat, storing in a real Redis behind the resilient store. */
@RedisTest
class RedisTomcatFilterTest extends ResponseCacheFilterContract {

  private final RedisServer redis;

  RedisTomcatFilterTest(RedisServer redis) {
    this.redis = redis;
  }

  @Override
  TestContainer newContainer() {
    return new TomcatContainer();
  }

  @Override
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return CacheStores.create(onRedis(config).redisUrl(redis.url()).build());
  }
}
