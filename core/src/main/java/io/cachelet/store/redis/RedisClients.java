package io.cachelet.store.redis;

import io.cachelet.config.CacheletConfig;
import io.cachelet.config.RedisEndpoint;
import java.time.Duration;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/** Builds the Jedis client a configuration describes. */
final class RedisClients {

  /** What the connections call themselves in {@code CLIENT LIST}. */
  static final String CLIENT_NAME = "cachelet";

  private RedisClients() {}

  static RedisClient standalone(RedisEndpoint endpoint, CacheletConfig config) {
    return RedisClient.builder()
        .hostAndPort(endpoint.host(), endpoint.port())
        .clientConfig(clientConfig(endpoint, config))
        .poolConfig(poolConfig(config))
        .build();
  }

  private static DefaultJedisClientConfig clientConfig(
      RedisEndpoint endpoint, CacheletConfig config) {
    DefaultJedisClientConfig.Builder builder =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis(config.connectTimeout()))
            .socketTimeoutMillis(millis(config.socketTimeout()))
            // the store sends no blocking commands; bound them anyway instead of Jedis' "forever"
            .blockingSocketTimeoutMillis(millis(config.socketTimeout()))
            .clientName(CLIENT_NAME)
            // CLIENT SETINFO only exists from Redis 7.2; on older servers every new connection
            // would log an error there
            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
            .database(endpoint.database());
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
