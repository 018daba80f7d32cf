package io.cachelet.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the core, with the names it is read under and its default, stated once here.
 *
 * <p>A setting is read from the system property {@code cachelet.<name>}, from the same key in a
 * {@code cachelet.properties} file on the class path, and from its environment variable: {@code
 * CACHELET_} and the name in upper case with {@code .} and {@code -} turned into {@code _}, except
 * for the Redis connection, which uses the conventional {@code REDIS_*} names.
 */
public enum Setting {
  REDIS_URL(
      "redis.url",
      "REDIS_URL",
      null,
      "redis://[user[:password]@]host[:port][/db], or rediss:// for TLS;"
          + " redis-cluster://[user[:password]@]host:port[,host:port...];"
          + " redis-sentinel://[user[:password]@]host:port[,host:port...]/master[/db];"
          + " rediss-cluster:// and rediss-sentinel:// for TLS"),
  REDIS_CLUSTER_NODES(
      "redis.cluster-nodes",
      "REDIS_CLUSTER_NODES",
      null,
      "host:port[,host:port...]: seed nodes of a Redis Cluster"),
  REDIS_SENTINELS(
      "redis.sentinels", "REDIS_SENTINELS", null, "host:port[,host:port...]: the sentinels"),
  REDIS_SENTINEL_MASTER(
      "redis.sentinel-master",
      "REDIS_SENTINEL_MASTER",
      null,
      "the master's name in the sentinels' configuration"),
  REDIS_HOST("redis.host", "REDIS_HOST", null, "a host name or IP address"),
  REDIS_PORT("redis.port", "REDIS_PORT", "6379", "a port number from 1 to 65535"),
  REDIS_USER("redis.user", "REDIS_USER", null, "an ACL user name (default: Redis' default user)"),
  REDIS_PASSWORD("redis.password", "REDIS_PASSWORD", null, "the password of the user"),
  REDIS_DB("redis.db", "REDIS_DB", "0", "a database index, 0 or more"),
  REDIS_CONNECT_TIMEOUT(
      "redis.connect-timeout", null, "200ms", DurationFormat.GRAMMAR + ", above 0"),
  REDIS_SOCKET_TIMEOUT("redis.socket-timeout", null, "200ms", DurationFormat.GRAMMAR + ", above 0"),
  REDIS_POOL_MAX("redis.pool-max", null, "32", "a number of connections from 1 to 10000"),
  REDIS_POOL_WAIT("redis.pool-wait", null, "50ms", DurationFormat.GRAMMAR + ", 0 or more"),
  REDIS_TRUSTSTORE(
      "redis.truststore", null, null, "the path of a trust store file (PKCS12 or JKS)"),
  REDIS_TRUSTSTORE_PASSWORD("redis.truststore-password", null, null, "the trust store's password"),
  REDIS_TRUSTSTORE_TYPE("redis.truststore-type", null, "PKCS12", "PKCS12 or JKS"),
  REDIS_TLS_VERIFY("redis.tls-verify", null, "full", "full, ca or insecure"),
  BREAKER_FAILURES(
      "breaker.failures", null, "5", "a number of consecutive failures from 1 to 1000"),
  BREAKER_OPEN_DURATION("breaker.open-duration", null, "1s", DurationFormat.GRAMMAR + ", above 0"),
  HEALTH_SLOW_THRESHOLD(
      "health.slow-threshold", null, "100ms", DurationFormat.GRAMMAR + ", above 0"),
  HEALTH_MEMORY_INTERVAL(
      "health.memory-interval", null, "15s", DurationFormat.GRAMMAR + ", above 0"),
  KEY_PREFIX(
      "key-prefix", null, "cachelet", "letters, digits and . _ - : (no spaces or glob characters)"),
  MAX_KEY_LENGTH("max-key-length", null, "256", "a number of characters from 128 to 65536"),
  DEFAULT_TTL("default-ttl", null, "10m", DurationFormat.GRAMMAR + ", above 0"),
  LOAD_WAIT("load-wait", null, "5s", DurationFormat.GRAMMAR + ", above 0"),
  MEMORY_MAX_BYTES(
      "memory.max-bytes", null, "64MB", "a size such as 67108864, 64MB or 1GB (KB, MB, GB)"),
  NEAR_CACHE_ENABLED("near-cache.enabled", null, "false", "true or false"),
  NEAR_CACHE_MAX_ENTRIES(
      "near-cache.max-entries", null, "10000", "a number of entries from 1 to 1000000000"),
  NEAR_CACHE_MAX_BYTES(
      "near-cache.max-bytes",
      null,
      null,
      "a size such as 16777216, 16MB or 1GB (KB, MB, GB); replaces max-entries as the bound"),
  NEAR_CACHE_TTL_CAP("near-cache.ttl-cap", null, "5s", DurationFormat.GRAMMAR + ", above 0"),
  NEAR_CACHE_MODE(
      "near-cache.mode",
      null,
      "pubsub",
      "pubsub (Cachelet tells the other instances) or tracking (Redis tells them; not on a"
          + " cluster)"),
  ENCRYPTION_KEYS(
      "encryption.keys",
      null,
      null,
      "id:base64[,id:base64...]: AES-256 keys (32 bytes, base64) with unique ids of letters,"
          + " digits, . _ -; the first encrypts, all decrypt"),
  ENCRYPTION_ENABLED(
      "encryption.enabled",
      null,
      "false",
      "true or false: encrypt the entries of every cache and route");

  private final String key;
  private final String environmentVariable;
  private final String defaultValue;
  private final String accepted;

  Setting(String key, String environmentVariable, String defaultValue, String accepted) {
    this.key = key;
    this.environmentVariable =
        environmentVariable != null
            ? environmentVariable
            : "CACHELET_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    this.defaultValue = defaultValue;
    this.accepted = accepted;
  }

  /** The name without prefix, as the builder knows it: {@code redis.port}. */
  public String key() {
    return key;
  }

  /** The system property and {@code cachelet.properties} key: {@code cachelet.redis.port}. */
  public String property() {
    return "cachelet." + key;
  }

  /** The environment variable: {@code REDIS_PORT}. */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** The default as text, empty when the setting is unset by default. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** What values are accepted, for error messages and the documentation. */
  public String accepted() {
    return accepted;
  }
}
