package io.cachelet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.config.RedisTopology.Kind;
import io.cachelet.config.RedisTopology.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cluster and sentinel deployments, named by URL or by node lists. */
class RedisTopologyConfigTest {

  private static CacheletConfig fromEnv(Map<String, String> environment) {
    return CacheletConfig.builder(new ConfigSources(Map.of(), environment, Map.of())).build();
  }

  @Test
  void aPlainUrlIsOneServer() {
    RedisTopology topology =
        fromEnv(Map.of("REDIS_URL", "redis://h:7000")).redisTopology().orElseThrow();
    assertThat(topology.kind()).isEqualTo(Kind.STANDALONE);
    assertThat(topology.nodes()).containsExactly(new Node("h", 7000));
  }

  @Test
  void noRedisMeansNoTopology() {
    assertThat(fromEnv(Map.of()).redisTopology()).isEmpty();
  }

  @Test
  void aClusterUrlListsTheSeedNodesWithSharedCredentials() {
    CacheletConfig config =
        fromEnv(Map.of("REDIS_URL", "rediss-cluster://app:s%40cret@a:7000,b:7001,[::1]:7002"));
    RedisTopology topology = config.redisTopology().orElseThrow();
    assertThat(topology.kind()).isEqualTo(Kind.CLUSTER);
    assertThat(topology.nodes())
        .containsExactly(new Node("a", 7000), new Node("b", 7001), new Node("::1", 7002));
    RedisEndpoint endpoint = config.redis().orElseThrow();
    assertThat(endpoint.user()).contains("app");
    assertThat(endpoint.password()).contains("s@cret");
    assertThat(endpoint.tls()).isTrue();
    assertThat(config.toString()).contains("cluster").doesNotContain("cret");
  }

  @Test
  void clusterNodesCanBeGivenAloneWithThePasswordApart() {
    CacheletConfig config =
        fromEnv(Map.of("REDIS_CLUSTER_NODES", "a:7000, b:7001", "REDIS_PASSWORD", "pw"));
    assertThat(config.redisTopology().orElseThrow().nodes())
        .containsExactly(new Node("a", 7000), new Node("b", 7001));
    assertThat(config.redis().orElseThrow().password()).contains("pw");
  }

  @Test
  void aSentinelUrlNamesTheSentinelsTheMasterAndTheDatabase() {
    CacheletConfig config =
        fromEnv(Map.of("REDIS_URL", "redis-sentinel://:pw@s1:26379,s2:26380/mymaster/2"));
    RedisTopology topology = config.redisTopology().orElseThrow();
    assertThat(topology.kind()).isEqualTo(Kind.SENTINEL);
    assertThat(topology.nodes()).containsExactly(new Node("s1", 26379), new Node("s2", 26380));
    assertThat(topology.masterName()).contains("mymaster");
    assertThat(config.redis().orElseThrow().database()).isEqualTo(2);
    assertThat(config.redis().orElseThrow().password()).contains("pw");
  }

  @Test
  void sentinelsAndTheirMasterCanBeGivenApart() {
    RedisTopology topology =
        fromEnv(Map.of("REDIS_SENTINELS", "s1:26379", "REDIS_SENTINEL_MASTER", "cache"))
            .redisTopology()
            .orElseThrow();
    assertThat(topology.kind()).isEqualTo(Kind.SENTINEL);
    assertThat(topology.masterName()).contains("cache");
  }

  @Test
  void theTopologySurvivesACopy() {
    CacheletConfig config = fromEnv(Map.of("REDIS_CLUSTER_NODES", "a:7000,b:7001"));
    CacheletConfig copy = config.toBuilder().build();
    assertThat(copy.redisTopology()).isEqualTo(config.redisTopology());
    assertThat(copy.redis()).isEqualTo(config.redis());
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "REDIS_URL=redis-cluster://a | REDIS_URL | is not host:port",
        "REDIS_URL=redis-cluster://a:7000/3 | REDIS_URL | database 0 only",
        "REDIS_URL=redis-cluster://a:x | REDIS_URL | has no valid port",
        "REDIS_URL=redis-sentinel://s:26379 | REDIS_URL | the master name is missing",
        "REDIS_URL=redis-sentinel://s:26379/m/x | REDIS_URL | the master name is missing",
        "REDIS_URL=redis-cluster://a:7000?x=1 | REDIS_URL | query parameters are not read",
        "REDIS_CLUSTER_NODES=a:7000,,b:7001 | REDIS_CLUSTER_NODES | is not host:port",
        "REDIS_SENTINELS=s:26379 | REDIS_SENTINEL_MASTER | Missing setting",
        "REDIS_SENTINEL_MASTER=m | REDIS_SENTINELS | Missing setting",
      })
  void aBadDeploymentFailsNamingTheSetting(String assignment, String named, String reason) {
    String[] kv = assignment.split("=", 2);
    assertThatThrownBy(() -> fromEnv(Map.of(kv[0], kv[1])))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(named)
        .hasMessageContaining(reason);
  }

  @Test
  void twoDeploymentsAtOnceAreRefused() {
    assertThatThrownBy(
            () -> fromEnv(Map.of("REDIS_URL", "redis://h:1", "REDIS_CLUSTER_NODES", "a:7000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("REDIS_CLUSTER_NODES")
        .hasMessageContaining("set only one");
  }

  @Test
  void aClusterWithADatabaseOtherThanZeroIsRefused() {
    assertThatThrownBy(() -> fromEnv(Map.of("REDIS_CLUSTER_NODES", "a:7000", "REDIS_DB", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database 0 only");
  }

  @Test
  void duplicateNodesAreListedOnce() {
    assertThat(
            fromEnv(Map.of("REDIS_CLUSTER_NODES", "a:7000,a:7000"))
                .redisTopology()
                .orElseThrow()
                .nodes())
        .isEqualTo(List.of(new Node("a", 7000)));
  }

  @Test
  void serverAssistedTrackingIsRefusedOnAClusterAndAcceptedOnOneServer() {
    assertThatThrownBy(
            () ->
                fromEnv(
                    Map.of(
                        "REDIS_CLUSTER_NODES", "a:7000", "CACHELET_NEAR_CACHE_MODE", "tracking")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CACHELET_NEAR_CACHE_MODE='tracking'")
        .hasMessageContaining("not available on a Redis Cluster");
    assertThat(
            fromEnv(Map.of("REDIS_URL", "redis://h:1", "CACHELET_NEAR_CACHE_MODE", "TRACKING"))
                .nearCacheTracking())
        .isTrue();
    assertThat(fromEnv(Map.of("REDIS_URL", "redis://h:1")).nearCacheTracking()).isFalse();
  }
}
