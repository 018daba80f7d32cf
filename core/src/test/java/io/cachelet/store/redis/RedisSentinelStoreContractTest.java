package io.cachelet.store.redis;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;
import io.cachelet.testing.RedisSentinelGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a master found through Redis Sentinel. */
class RedisSentinelStoreContractTest extends CacheStoreContract {

  private static RedisSentinelGroup group;
  private static CacheletConfig config;

  @BeforeAll
  static void startGroup() {
    group = RedisSentinelGroup.start();
    config =
        CacheletConfig.builder()
            .redisSentinels(group.sentinels(), RedisSentinelGroup.MASTER_NAME)
            .build();
  }

  @AfterAll
  static void stopGroup() {
    if (group != null) {
      group.close();
    }
  }

  @Override
  protected CacheStore openStore() {
    return RedisStore.connect(config);
  }
}
