package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.key.Glob;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;
import io.cachelet.store.CacheStores;
import io.cachelet.store.StoreMemory;
import io.cachelet.store.near.NearCacheStore;
import io.cachelet.testing.RedisCluster;
import io.cachelet.testing.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a 3-master, 3-replica Redis Cluster, plus what only a cluster can get
 * wrong: keys spread over every master, clear and scan reaching all of them and no replica.
 */
class RedisClusterStoreContractTest extends CacheStoreContract {

  private static RedisCluster cluster;
  private static CacheletConfig config;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start(3, 1);
    config = CacheletConfig.builder().redisClusterNodes(cluster.seeds()).build();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected CacheStore openStore() {
    return RedisStore.connect(config);
  }

  @Test
  void theMemoryReportedIsThatOfTheNodeClosestToItsLimit() {
    RedisServer small = cluster.nodes().get(1);
    small.command("CONFIG", "SET", "maxmemory", "1gb");
    try {
      StoreMemory memory = ((RedisStore) store).memory().orElseThrow();

      // the only node with a limit is the fullest: the others have nothing to fill
      assertThat(memory.maxBytes()).isEqualTo(1L << 30);
      assertThat(memory.usedBytes()).isPositive();
    } finally {
      small.command("CONFIG", "SET", "maxmemory", "0");
    }
  }

  @Test
  void oneCachesEntriesAreSpreadOverEveryMasterAndAllClearedAndScanned() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      entries.put(key("cache:prices:" + i), ("v" + i).getBytes(UTF_8));
    }
    store.putAll(entries, Duration.ofMinutes(1));

    Set<String> mastersHolding = new HashSet<>();
    for (RedisServer node : cluster.nodes()) {
      if (node.command("ROLE").startsWith("master")
          && Long.parseLong(node.command("DBSIZE").trim()) > 0) {
        mastersHolding.add(node.host() + ":" + node.port());
      }
    }
    assertThat(mastersHolding).hasSize(3);

    assertThat(store.getAll(entries.keySet())).hasSize(300);
    Set<String> scanned = new HashSet<>();
    scanAll(Glob.escape(key("cache:prices:")) + "*", 50)
        .forEach(page -> scanned.addAll(page.storeKeys()));
    assertThat(scanned).isEqualTo(entries.keySet());

    assertThat(store.clear(Glob.escape(key("cache:")) + "*")).isEqualTo(300);
    assertThat(store.getAll(entries.keySet())).isEmpty();
  }

  @Test
  void aCacheIsPurgedOnEveryMasterAndItsLockWorksAcrossSlots() {
    try (Cachelet cachelet = Cachelet.create(config)) {
      Cache prices = cachelet.cache("prices-" + UUID.randomUUID());
      for (int i = 0; i < 200; i++) {
        prices.put("sku-" + i, i);
      }
      assertThat(prices.get("sku-7", Integer.class)).isPresent();

      assertThat(prices.clear()).isEqualTo(200);

      for (int i = 0; i < 200; i++) {
        assertThat(prices.get("sku-" + i, Integer.class)).isEmpty();
      }
    }
  }

  @Test
  void twoNearCachesOnTheClusterStayCoherent() {
    CacheletConfig near =
        config.toBuilder().nearCacheEnabled(true).nearCacheTtlCap(Duration.ofMinutes(1)).build();
    try (CacheStore a = CacheStores.create(near);
        CacheStore b = CacheStores.create(near)) {
      String k = key("shared");
      a.put(k, "v1".getBytes(UTF_8), Duration.ofMinutes(1));
      awaitValue(b, k, "v1");
      NearCacheStore nearB = (NearCacheStore) b;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!nearB.holdsLocally(k)) { // a read racing a's first invalidation keeps no copy
        assertThat(System.nanoTime()).as("b keeps a copy in time").isLessThan(deadline);
        b.get(k);
      }
      a.put(k, "v2".getBytes(UTF_8), Duration.ofMinutes(1));
      // the cap is a minute: only the invalidation, over the cluster bus, can make b see v2 now
      awaitValue(b, k, "v2");
    }
  }

  private static void awaitValue(CacheStore store, String key, String expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Arrays.equals(store.get(key), expected.getBytes(UTF_8))) {
      assertThat(System.nanoTime()).as("%s reads %s in time", key, expected).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
