package io.cachelet.method;

import static io.cachelet.method.MethodCacheRedisTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.method.MethodCacheRedisTest.Inventory;
import io.cachelet.testing.RedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Method caching end to end on a 3-master, 3-replica Redis Cluster, by two application instances:
 * the cross-instance lock and evictions work as on one server, near caches included.
 */
class MethodCacheClusterTest {

  private static RedisCluster cluster;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final String prefix = "mc" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start(3, 1);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  /** One application instance on the cluster, with a near cache or without. */
  private MethodCache instance(boolean nearCache) {
    CacheletConfig config =
        CacheletConfig.builder()
            .redisClusterNodes(cluster.seeds())
            .keyPrefix(prefix)
            .nearCacheEnabled(nearCache)
            .nearCacheTtlCap(Duration.ofMinutes(1))
            .loadWait(Duration.ofSeconds(5))
            .build();
    Cachelet cachelet = Cachelet.create(config);
    MethodCache engine = MethodCache.create(cachelet);
    opened.add(engine);
    opened.add(cachelet);
    return engine;
  }

  @Test
  void theDistributedLockLetsOneOfTwoInstancesRunTheMethod() throws Exception {
    MethodCacheRedisTest.assertOneOfTwoInstancesRunsALockedMethod(instance(false), instance(false));
  }

  @Test
  void anEvictionOnOneInstanceReachesTheOthersNearCache() throws Exception {
    MethodCache first = instance(true);
    MethodCache second = instance(true);
    Inventory inventory = new Inventory();

    Object cached = call(first, inventory, "level", "sku-9");
    assertThat(call(second, inventory, "level", "sku-9")).isEqualTo(cached);
    assertThat(call(second, inventory, "level", "sku-9")).isEqualTo(cached);

    call(first, inventory, "restock", "sku-9");

    // the near caches' cap is a minute: only the invalidation can make the second one reload
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Object seen = call(second, inventory, "level", "sku-9");
    while (seen.equals(cached) && System.nanoTime() < deadline) {
      Thread.sleep(5);
      seen = call(second, inventory, "level", "sku-9");
    }
    assertThat(seen).isNotEqualTo(cached);
  }
}
