package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import io.cachelet.key.Glob;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStoreContract;
import io.cachelet.testing.RedisCluster;
import io.cachelet.testing.RedisServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        .forEach(page -> scanned.addAll(page.keys()));
    assertThat(scanned).isEqualTo(entries.keySet());

    assertThat(store.clear(Glob.escape(key("cache:")) + "*")).isEqualTo(300);
    assertThat(store.getAll(entries.keySet())).isEmpty();
  }
}
