package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisCluster;
import io.cachelet.testing.TestClock;
import org.junit.jupiter.api.AfterAll;

/**
 * The filter suite on Jetty against a 3-master Redis Cluster with the near cache on: entries, their
 * URI and tag sets, locks and generation counters land in different slots, so every purge and
 * invalidation has to work across them.
 */
class ClusterJettyFilterTest extends ResponseCacheFilterContract {

  private final RedisCluster cluster = RedisCluster.start(3, 0);

  @AfterAll
  void stopCluster() {
    cluster.close();
  }

  @Override
  TestContainer newContainer() {
    return new JettyContainer();
  }

  @Override
  CacheStore newStore(CacheletConfig config, TestClock clock) {
    return CacheStores.create(
        onRedis(config).redisClusterNodes(cluster.seeds()).nearCacheEnabled(true).build());
  }
}
