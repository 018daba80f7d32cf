package io.cachelet.store.redis;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;

@RedisTest
class RedisStoreContractTest extends CacheStoreContract {

  private final CacheletConfig config;

  RedisStoreContractTest(RedisServer redis) {
    config = CacheletConfig.builder().redisUrl(redis.url()).build();
  }

  @Override
  protected CacheStore openStore() {
    return RedisStore.connect(config);
  }
}
