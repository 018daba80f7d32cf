package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisSentinelGroup;
import io.cachelet.testing.TestClock;
import org.junit.jupiter.api.AfterAll;

/** The filter suite on Tomcat against a Redis master found through Sentinel. */
class SentinelTomcatFilterTest extends ResponseCacheFilterContract {

  private final RedisSentinelGroup group = RedisSentinelGroup.start();

  @AfterAll
  void stopGroup() {
    group.close();
  }

  @Override
  TestContainer newContainer() {
    return new TomcatContainer();
  }

  @Override
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return CacheStores.create(
        onRedis(config).redisSentinels(group.sentinels(), RedisSentinelGroup.MASTER_NAME).build());
  }
}
