package io.cachelet.store.redis;

import io.cachelet.config.CacheletConfig;
import io.cachelet.config.RedisEndpoint;
import io.cachelet.config.RedisTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/** Builds the Jedis client a configuration describes: standalone, cluster or sentinel. */
final class RedisClients {

  /** What the connections call themselves in {@code CLIENT LIST}. */
  static final String CLIENT_NAME = "cachelet";

  private RedisClients() {}

  /** How often a cluster call is tried at most: once, and once more after a redirection. */
  static final int CLUSTER_MAX_ATTEMPTS = 2;

  /** The most a cluster call spends on its attempts together. */
  static final Duration CLUSTER_MAX_RETRIES_DURATION = Duration.ofMillis(500);

  /** The client and its parts for {@code topology}, every connection set up from {@code config}. */
  static Deployment deployment(
      RedisTopology topology, RedisEndpoint endpoint, CacheletConfig config) {
    DefaultJedisClientConfig clientConfig = clientConfig(endpoint, config);
    return switch (topology.kind()) {
      case STANDALONE -> standalone(endpoint, clientConfig, config);
      case CLUSTER -> cluster(topology, clientConfig, config);
      case SENTINEL -> sentinel(topology, endpoint, clientConfig, config);
    };
  }

  private static Deployment standalone(
      RedisEndpoint endpoint, DefaultJedisClientConfig clientConfig, CacheletConfig config) {
    HostAndPort address = new HostAndPort(endpoint.host(), endpoint.port());
    RedisClient client =
        RedisClient.builder()
            .hostAndPort(address)
            .clientConfig(clientConfig)
            .poolConfig(poolConfig(config))
            .build();
    return new Deployment(
        client,
        new ServerKeySpace(client),
        () -> List.of(client.getPool()),
        () -> address,
        clientConfig);
  }

  /**
   * A cluster client that tries a call at most twice within 500 ms: enough to follow a MOVED or ASK
   * redirection, while a failover (seconds of CLUSTERDOWN) fails fast for the circuit breaker
   * instead of holding the caller for Jedis' default 5 attempts × socket timeout. The pool settings
   * apply per node.
   */
  private static Deployment cluster(
      RedisTopology topology, DefaultJedisClientConfig clientConfig, CacheletConfig config) {
    RedisClusterClient client =
        RedisClusterClient.builder()
            .nodes(addresses(topology))
            .clientConfig(clientConfig)
            .poolConfig(poolConfig(config))
            .maxAttempts(CLUSTER_MAX_ATTEMPTS)
            .maxTotalRetriesDuration(CLUSTER_MAX_RETRIES_DURATION)
            .build();
    AtomicInteger turn = new AtomicInteger();
    Supplier<HostAndPort> anyNode =
        () -> {
          List<String> nodes = new ArrayList<>(client.getClusterNodes().keySet());
          if (nodes.isEmpty()) {
            return addresses(topology).iterator().next();
          }
          Collections.sort(nodes);
          return HostAndPort.from(nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size())));
        };
    return new Deployment(
        client,
        new ClusterKeySpace(client),
        () -> List.copyOf(client.getClusterNodes().values()),
        anyNode,
        clientConfig);
  }

  /**
   * A client that asks the sentinels for the master and follows a failover. The sentinels are asked
   * with the same timeouts and TLS, without the data nodes' credentials and database.
   */
  private static Deployment sentinel(
      RedisTopology topology,
      RedisEndpoint endpoint,
      DefaultJedisClientConfig clientConfig,
      CacheletConfig config) {
    DefaultJedisClientConfig.Builder sentinelConfig = base(config);
    if (endpoint.tls()) {
      sentinelConfig.sslOptions(sslOptions(config));
    }
    RedisSentinelClient client =
        RedisSentinelClient.builder()
            .masterName(topology.masterName().orElseThrow())
            .sentinels(addresses(topology))
            .clientConfig(clientConfig)
            .sentinelClientConfig(sentinelConfig.build())
            .poolConfig(poolConfig(config))
            .build();
    return new Deployment(
        client,
        new ServerKeySpace(client),
        () -> List.copyOf(client.getPrimaryNodesConnectionMap().values()),
        client::getCurrentMaster,
        clientConfig);
  }

  private static Set<HostAndPort> addresses(RedisTopology topology) {
    Set<HostAndPort> addresses = new LinkedHashSet<>();
    topology.nodes().forEach(node -> addresses.add(new HostAndPort(node.host(), node.port())));
    return addresses;
  }

  private static DefaultJedisClientConfig.Builder base(CacheletConfig config) {
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis(config.connectTimeout()))
        .socketTimeoutMillis(millis(config.socketTimeout()))
        // the store sends no blocking commands; bound them anyway instead of Jedis' "forever"
        .blockingSocketTimeoutMillis(millis(config.socketTimeout()))
        .clientName(CLIENT_NAME)
        // CLIENT SETINFO only exists from Redis 7.2; on older servers every new connection
        // would log an error there
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
  }

  private static DefaultJedisClientConfig clientConfig(
      RedisEndpoint endpoint, CacheletConfig config) {
    DefaultJedisClientConfig.Builder builder = base(config).database(endpoint.database());
    endpoint.user().ifPresent(builder::user);
    endpoint.password().ifPresent(builder::password);
    if (endpoint.tls()) {
      builder.sslOptions(sslOptions(config));
    }
    return builder.build();
  }

  /**
   * TLS with the configured trust store, or the JVM's default trust when none is set. The verify
   * mode maps one to one: FULL checks the chain and the host name, CA the chain only.
   */
  private static SslOptions sslOptions(CacheletConfig config) {
    SslOptions.Builder ssl =
        SslOptions.builder()
            .sslVerifyMode(
                switch (config.tlsVerify()) {
                  case FULL -> SslVerifyMode.FULL;
                  case CA -> SslVerifyMode.CA;
                  case INSECURE -> SslVerifyMode.INSECURE;
                });
    config
        .trustStore()
        .ifPresent(
            path ->
                ssl.truststore(path.toFile(), config.trustStorePassword().orElse("").toCharArray())
                    .trustStoreType(config.trustStoreType()));
    return ssl.build();
  }

  /**
   * A bounded pool: Jedis' default waits forever for a connection, which turns a hung server into
   * hung request threads.
   */
  private static ConnectionPoolConfig poolConfig(CacheletConfig config) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolMax());
    pool.setMaxIdle(config.poolMax());
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(config.poolWait());
    pool.setJmxEnabled(false);
    return pool;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
