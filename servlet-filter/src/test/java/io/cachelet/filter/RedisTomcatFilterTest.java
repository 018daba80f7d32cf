package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import io.cachelet.testing.TestClock;
import java.time.Duration;

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
    // 200 concurrent requests: a pool as large as the burst, so the burst is not an outage
    return CacheStores.create(
        config.toBuilder()
            .redisUrl(redis.url())
            .poolMax(64)
            .poolWait(Duration.ofSeconds(5))
            // the suite tests HTTP semantics, not timeouts: on a busy machine a 200 ms reply
            // deadline can expire and turn a lock taken into one refused
            .connectTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(2))
            .build());
  }
}
