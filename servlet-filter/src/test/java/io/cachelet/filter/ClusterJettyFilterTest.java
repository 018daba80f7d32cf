package io.cachelet.filter;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.testing.RedisCluster;
import io.cachelet.testing.TestClock;
import java.time.Duration;
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
        config.toBuilder()
            .redisClusterNodes(cluster.seeds())
            .nearCacheEnabled(true)
            .poolMax(64)
            .poolWait(Duration.ofSeconds(5))
            // the suite tests HTTP semantics, not timeouts: on a busy machine a 200 ms reply
            // deadline can expire and turn a lock taken into one refused
            .connectTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(2))
            .build());
  }
}
