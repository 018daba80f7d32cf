package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import io.cachelet.testing.TestClock;

/**
 * Origin-driven freshness on Jetty 12 with a real Redis: the received age and the origin's terms
 * travel in the stored entry's format, so they must survive the trip.
 */
@RedisTest
class Rfc9111RedisJettyTest extends Rfc9111FilterContract {

  private final RedisServer redis;

  Rfc9111RedisJettyTest(RedisServer redis) {
    this.redis = redis;
  }

  @Override
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return CacheStores.create(
        ResponseCacheFilterContract.onRedis(config).redisUrl(redis.url()).build());
  }
}
