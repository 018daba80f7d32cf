package io.cachelet.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.store.near.NearCacheStore;
import io.cachelet.testing.RedisCluster;
import io.cachelet.testing.RedisSentinelGroup;
import io.cachelet.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A master killed while callers read and write through the store built from the configuration
 * (Redis behind the circuit breaker): no caller sees an exception, and the time until a key of the
 * failed master round-trips again is measured and printed. Each test starts its own deployment,
 * which it breaks.
 */
class RedisFailoverTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static CacheletConfig.Builder tuned() {
    return CacheletConfig.builder()
        .connectTimeout(Duration.ofMillis(200))
        .socketTimeout(Duration.ofMillis(200))
        .breakerOpenDuration(Duration.ofMillis(250));
  }

  private static List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }

  /**
   * Runs the load through the store {@code config} builds, stops the server {@code master} names
   * once it is under way, and returns the measured recovery after checking no caller saw an
   * exception.
   */
  private static Duration killMidLoad(
      String what, CacheletConfig config, String ns, Supplier<RedisServer> master)
      throws InterruptedException {
    try (CacheStore store = CacheStores.create(config);
        FailoverLoad load = FailoverLoad.start(store, keys(ns), 4)) {
      Thread.sleep(300);
      RedisServer victim = master.get();
      Duration recovery = load.failAndAwaitRecovery(ns + "probe", victim::stop, PATIENCE);
      Thread.sleep(300);
      System.out.printf(
          "%s master killed mid-load: recovered in %d ms; %d calls, %d degraded, %d thrown%n",
          what, recovery.toMillis(), load.calls(), load.degraded(), load.thrown().size());
      assertThat(load.thrown()).isEmpty();
      return recovery;
    }
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void aClusterMasterKilledMidLoadFailsNoCallerAndTheShardComesBack() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      String ns = "failover:" + UUID.randomUUID() + ":";
      CacheletConfig config = tuned().redisClusterNodes(cluster.seeds()).build();
      Duration recovery = killMidLoad("cluster", config, ns, () -> cluster.masterOf(ns + "probe"));
      assertThat(recovery).isLessThan(PATIENCE);
    }
  }

  @Test
  void aSentinelMasterKilledMidLoadFailsNoCallerAndThePromotedReplicaServes() throws Exception {
    try (RedisSentinelGroup group = RedisSentinelGroup.start()) {
      String ns = "failover:" + UUID.randomUUID() + ":";
      CacheletConfig config =
          tuned().redisSentinels(group.sentinels(), RedisSentinelGroup.MASTER_NAME).build();
      RedisServer first = group.master();
      try (NearCacheStore near =
          (NearCacheStore) CacheStores.create(config.toBuilder().nearCacheEnabled(true).build())) {
        awaitTrue("the near cache subscribes", near::subscribed);
        long resyncs = near.stats().resyncs();

        killMidLoad("sentinel", config, ns, () -> first);

        assertThat(group.master()).isNotSameAs(first);
        // its subscription follows the master to the promoted replica, dropping every copy
        awaitTrue(
            "the near cache resubscribes",
            () -> near.subscribed() && near.stats().resyncs() > resyncs);
      }
    }
  }
}
