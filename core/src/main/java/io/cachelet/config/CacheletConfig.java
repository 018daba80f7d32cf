package io.cachelet.config;

import io.cachelet.key.KeyBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cachelet's core configuration: immutable, validated when built, and composed of one settings type
 * per concept ({@link RedisSettings}, {@link TimeoutSettings}, {@link PoolSettings}, {@link
 * TlsSettings}, {@link BreakerSettings}, {@link KeySettings}, {@link EntrySettings}, {@link
 * NearCacheSettings}, {@link EncryptionSettings}), each of which validates and names its own keys.
 * This class only routes settings to them, checks the few combinations that span two concepts, and
 * offers each value under its historical accessor.
 *
 * <p>Values come from, strongest first: code ({@link Builder} setters), system properties {@code
 * cachelet.*}, the environment, a {@code cachelet.properties} file on the class path, and the
 * defaults listed in {@link Setting}. {@link #fromEnvironment()} reads them all; call {@link
 * #builder(ConfigSources)} to read them and then override some in code. A value that can't be used
 * fails the build with a {@link ConfigException} naming the setting as it was written, the value
 * and what would be accepted.
 *
 * <p>No Redis configured ({@code REDIS_URL} and {@code REDIS_HOST} both unset) means the in-process
 * store.
 */
public final class CacheletConfig {

  private static final Logger LOG = LoggerFactory.getLogger(CacheletConfig.class);

  private final RedisSettings redis;
  private final TimeoutSettings timeouts;
  private final PoolSettings pool;
  private final TlsSettings tls;
  private final BreakerSettings breaker;
  private final KeySettings keys;
  private final EntrySettings entries;
  private final NearCacheSettings nearCache;
  private final EncryptionSettings encryption;

  private CacheletConfig(
      RedisSettings redis,
      TimeoutSettings timeouts,
      PoolSettings pool,
      TlsSettings tls,
      BreakerSettings breaker,
      KeySettings keys,
      EntrySettings entries,
      NearCacheSettings nearCache,
      EncryptionSettings encryption) {
    this.redis = redis;
    this.timeouts = timeouts;
    this.pool = pool;
    this.tls = tls;
    this.breaker = breaker;
    this.keys = keys;
    this.entries = entries;
    this.nearCache = nearCache;
    this.encryption = encryption;
  }

  /** The configuration read from this JVM's system properties, environment and class path. */
  public static CacheletConfig fromEnvironment() {
    return builder(ConfigSources.system()).build();
  }

  /** A builder holding the defaults only. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding what {@code sources} set, over the defaults; code may override it. */
  public static Builder builder(ConfigSources sources) {
    Builder builder = new Builder();
    builder.read(sources.classpathProperties(), SettingReader.Origin.CLASSPATH);
    builder.read(sources.environment(), SettingReader.Origin.ENVIRONMENT);
    builder.read(sources.systemProperties(), SettingReader.Origin.SYSTEM_PROPERTY);
    return builder;
  }

  /** Which Redis, and how to log in; empty parts mean the in-process store. */
  public RedisSettings redisSettings() {
    return redis;
  }

  /** Connect and reply timeouts. */
  public TimeoutSettings timeouts() {
    return timeouts;
  }

  /** The Redis connection pool. */
  public PoolSettings pool() {
    return pool;
  }

  /** How a {@code rediss://} connection checks the server. */
  public TlsSettings tls() {
    return tls;
  }

  /** The circuit breaker and the health check's threshold. */
  public BreakerSettings breaker() {
    return breaker;
  }

  /** The key prefix and length. */
  public KeySettings keys() {
    return keys;
  }

  /** Default TTL, load wait and the in-process store's bound. */
  public EntrySettings entries() {
    return entries;
  }

  /** The near cache. */
  public NearCacheSettings nearCache() {
    return nearCache;
  }

  /** Encryption at rest: keys, and what is encrypted. */
  public EncryptionSettings encryption() {
    return encryption;
  }

  /** The Redis server to use; empty means the in-process store. */
  public Optional<RedisEndpoint> redis() {
    return redis.endpoint();
  }

  /**
   * Whether Redis is one server, a cluster or a sentinel group, and its nodes; present exactly when
   * {@link #redis()} is. The endpoint holds the credentials, database and TLS for every node (for a
   * cluster or sentinel group, its host and port are the first node's).
   */
  public Optional<RedisTopology> redisTopology() {
    return redis.topology();
  }

  /** How long opening a connection to Redis may take. */
  public Duration connectTimeout() {
    return timeouts.connect();
  }

  /** How long one Redis reply may take. */
  public Duration socketTimeout() {
    return timeouts.socket();
  }

  /** The most Redis connections the pool opens. */
  public int poolMax() {
    return pool.max();
  }

  /** How long a caller waits for a pooled connection before the call counts as failed. */
  public Duration poolWait() {
    return pool.maxWait();
  }

  /** The trust store for {@code rediss://}; empty means the JVM's default trust store. */
  public Optional<Path> trustStore() {
    return tls.trustStore();
  }

  /** The trust store's password. */
  public Optional<String> trustStorePassword() {
    return tls.trustStorePassword();
  }

  /** The trust store's type, {@code PKCS12} or {@code JKS}. */
  public String trustStoreType() {
    return tls.trustStoreType();
  }

  /** How the Redis server's certificate is checked. */
  public TlsVerify tlsVerify() {
    return tls.verify();
  }

  /** Consecutive store failures after which the circuit breaker opens. */
  public int breakerFailures() {
    return breaker.failures();
  }

  /** How long the breaker stays open before it lets a probe call through. */
  public Duration breakerOpenDuration() {
    return breaker.openDuration();
  }

  /** Ping latency above which health reports DEGRADED. */
  public Duration healthSlowThreshold() {
    return breaker.slowThreshold();
  }

  /** How often the store's memory figures (Redis {@code INFO}) are read for gauges and health. */
  public Duration healthMemoryInterval() {
    return breaker.memoryInterval();
  }

  /** The application prefix every key starts with. */
  public String keyPrefix() {
    return keys.prefix();
  }

  /** Store keys longer than this are shortened to a head and a hash. */
  public int maxKeyLength() {
    return keys.maxLength();
  }

  /** The TTL of entries written without one. */
  public Duration defaultTtl() {
    return entries.defaultTtl();
  }

  /** How long a caller waits for another caller's load of the same key before loading itself. */
  public Duration loadWait() {
    return entries.loadWait();
  }

  /** The most bytes of keys and values the in-process store keeps. */
  public long memoryMaxBytes() {
    return entries.memoryMaxBytes();
  }

  /** Whether a near cache (an in-process copy, kept coherent between instances) fronts Redis. */
  public boolean nearCacheEnabled() {
    return nearCache.enabled();
  }

  /** The most entries the near cache holds, unless {@link #nearCacheMaxBytes()} is set. */
  public long nearCacheMaxEntries() {
    return nearCache.maxEntries();
  }

  /** The most bytes of keys and values the near cache holds; when set, it replaces the count. */
  public Optional<Long> nearCacheMaxBytes() {
    return nearCache.maxBytes();
  }

  /** The longest the near cache serves a copy without asking Redis again. */
  public Duration nearCacheTtlCap() {
    return nearCache.ttlCap();
  }

  /**
   * Whether the near cache learns of changes from Redis itself ({@code CLIENT TRACKING ... BCAST}),
   * which also catches writes by other programs, instead of from Cachelet's own messages.
   */
  public boolean nearCacheTracking() {
    return nearCache.tracking();
  }

  /** The key builder for this configuration's prefix and key length. */
  public KeyBuilder keyBuilder() {
    return keys.keyBuilder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "CacheletConfig[store="
        + redis().map(RedisEndpoint::redacted).orElse("in-process")
        + redisTopology()
            .filter(t -> t.kind() != RedisTopology.Kind.STANDALONE)
            .map(t -> " (" + t.kind().name().toLowerCase(Locale.ROOT) + " " + t.nodes() + ")")
            .orElse("")
        + ", keyPrefix="
        + keys.prefix()
        + ", defaultTtl="
        + DurationFormat.format(entries.defaultTtl())
        + ", connectTimeout="
        + DurationFormat.format(timeouts.connect())
        + ", socketTimeout="
        + DurationFormat.format(timeouts.socket())
        + ", poolMax="
        + pool.max()
        + ", poolWait="
        + DurationFormat.format(pool.maxWait())
        + "]";
  }

  /**
   * Routes each setting, validated as it is set, to the draft of the concept that owns it; {@link
   * #build()} checks the combinations. Not thread-safe.
   */
  public static final class Builder {

    private final SettingReader reader = new SettingReader();
    private final RedisSettings.Draft redis;
    private final TimeoutSettings.Draft timeouts;
    private final PoolSettings.Draft pool;
    private final TlsSettings.Draft tls;
    private final BreakerSettings.Draft breaker;
    private final KeySettings.Draft keys;
    private final EntrySettings.Draft entries;
    private final NearCacheSettings.Draft nearCache;
    private final EncryptionSettings.Draft encryption;
    private final List<SettingsDraft<?>> drafts;

    private Builder() {
      redis = new RedisSettings.Draft();
      timeouts = new TimeoutSettings.Draft();
      pool = new PoolSettings.Draft();
      tls = new TlsSettings.Draft();
      breaker = new BreakerSettings.Draft();
      keys = new KeySettings.Draft();
      entries = new EntrySettings.Draft();
      nearCache = new NearCacheSettings.Draft();
      encryption = new EncryptionSettings.Draft();
      drafts = List.of(redis, timeouts, pool, tls, breaker, keys, entries, nearCache, encryption);
      for (Setting setting : Setting.values()) {
        setting.defaultValue().ifPresent(value -> apply(setting, value, SettingReader.Origin.CODE));
      }
      reader.forgetOrigins();
    }

    private Builder(CacheletConfig from) {
      this();
      redis.copyFrom(from.redis);
      timeouts.copyFrom(from.timeouts);
      pool.copyFrom(from.pool);
      tls.copyFrom(from.tls);
      breaker.copyFrom(from.breaker);
      keys.copyFrom(from.keys);
      entries.copyFrom(from.entries);
      nearCache.copyFrom(from.nearCache);
      encryption.copyFrom(from.encryption);
    }

    /**
     * Sets a setting from its textual form, as it would be written in a properties file.
     *
     * @throws ConfigException when the text is not accepted
     */
    public Builder set(Setting setting, String value) {
      return apply(setting, value, SettingReader.Origin.CODE);
    }

    /** {@code redis://} or {@code rediss://} URL of the server; see {@link Setting#REDIS_URL}. */
    public Builder redisUrl(String value) {
      return set(Setting.REDIS_URL, value);
    }

    /** The seed nodes of a Redis Cluster: {@code host:port[,host:port...]}. */
    public Builder redisClusterNodes(String value) {
      return set(Setting.REDIS_CLUSTER_NODES, value);
    }

    /** The sentinels of a sentinel group, {@code host:port[,host:port...]}, and the master name. */
    public Builder redisSentinels(String sentinels, String masterName) {
      set(Setting.REDIS_SENTINELS, sentinels);
      return set(Setting.REDIS_SENTINEL_MASTER, masterName);
    }

    /** The Redis host, when no URL is given. */
    public Builder redisHost(String value) {
      return set(Setting.REDIS_HOST, value);
    }

    /** The Redis port, when no URL is given. */
    public Builder redisPort(int value) {
      return set(Setting.REDIS_PORT, Integer.toString(value));
    }

    /** The ACL user. */
    public Builder redisUser(String value) {
      return set(Setting.REDIS_USER, value);
    }

    /** The password. */
    public Builder redisPassword(String value) {
      return set(Setting.REDIS_PASSWORD, value);
    }

    /** The database index. */
    public Builder redisDatabase(int value) {
      return set(Setting.REDIS_DB, Integer.toString(value));
    }

    public Builder connectTimeout(Duration value) {
      return set(Setting.REDIS_CONNECT_TIMEOUT, iso(value));
    }

    public Builder socketTimeout(Duration value) {
      return set(Setting.REDIS_SOCKET_TIMEOUT, iso(value));
    }

    public Builder poolMax(int value) {
      return set(Setting.REDIS_POOL_MAX, Integer.toString(value));
    }

    public Builder poolWait(Duration value) {
      return set(Setting.REDIS_POOL_WAIT, iso(value));
    }

    public Builder trustStore(Path value, String password) {
      set(Setting.REDIS_TRUSTSTORE, value.toString());
      return set(Setting.REDIS_TRUSTSTORE_PASSWORD, password);
    }

    public Builder tlsVerify(TlsVerify value) {
      return set(Setting.REDIS_TLS_VERIFY, value.name());
    }

    public Builder breakerFailures(int value) {
      return set(Setting.BREAKER_FAILURES, Integer.toString(value));
    }

    public Builder breakerOpenDuration(Duration value) {
      return set(Setting.BREAKER_OPEN_DURATION, iso(value));
    }

    public Builder healthSlowThreshold(Duration value) {
      return set(Setting.HEALTH_SLOW_THRESHOLD, iso(value));
    }

    public Builder healthMemoryInterval(Duration value) {
      return set(Setting.HEALTH_MEMORY_INTERVAL, iso(value));
    }

    public Builder keyPrefix(String value) {
      return set(Setting.KEY_PREFIX, value);
    }

    public Builder maxKeyLength(int value) {
      return set(Setting.MAX_KEY_LENGTH, Integer.toString(value));
    }

    public Builder defaultTtl(Duration value) {
      return set(Setting.DEFAULT_TTL, iso(value));
    }

    public Builder loadWait(Duration value) {
      return set(Setting.LOAD_WAIT, iso(value));
    }

    public Builder memoryMaxBytes(long value) {
      return set(Setting.MEMORY_MAX_BYTES, Long.toString(value));
    }

    public Builder nearCacheEnabled(boolean value) {
      return set(Setting.NEAR_CACHE_ENABLED, Boolean.toString(value));
    }

    public Builder nearCacheMaxEntries(long value) {
      return set(Setting.NEAR_CACHE_MAX_ENTRIES, Long.toString(value));
    }

    public Builder nearCacheMaxBytes(long value) {
      return set(Setting.NEAR_CACHE_MAX_BYTES, Long.toString(value));
    }

    public Builder nearCacheTtlCap(Duration value) {
      return set(Setting.NEAR_CACHE_TTL_CAP, iso(value));
    }

    /** {@code true} for server-assisted invalidation ({@code near-cache.mode=tracking}). */
    public Builder nearCacheTracking(boolean value) {
      return set(Setting.NEAR_CACHE_MODE, value ? "tracking" : "pubsub");
    }

    /**
     * {@code id:base64[,id:base64...]}, the first key encrypting; see {@link
     * Setting#ENCRYPTION_KEYS}.
     */
    public Builder encryptionKeys(String value) {
      return set(Setting.ENCRYPTION_KEYS, value);
    }

    /** Whether every cache and route is encrypted. */
    public Builder encryptionEnabled(boolean value) {
      return set(Setting.ENCRYPTION_ENABLED, Boolean.toString(value));
    }

    /** The validated configuration; warns once about insecure combinations. */
    public CacheletConfig build() {
      redis.checkDeployment(reader);
      if (redis.cluster() && nearCache.tracking()) {
        throw new ConfigException(
            reader.name(Setting.NEAR_CACHE_MODE),
            "Invalid setting "
                + reader.name(Setting.NEAR_CACHE_MODE)
                + "='tracking': server-assisted tracking is per server, so it is not available on a"
                + " Redis Cluster; use pubsub.");
      }
      RedisSettings redisSettings = redis.build(reader);
      TlsSettings tlsSettings = tls.build(reader);
      CacheletConfig config =
          new CacheletConfig(
              redisSettings,
              timeouts.build(reader),
              pool.build(reader),
              tlsSettings,
              breaker.build(reader),
              keys.build(reader),
              entries.build(reader),
              nearCache.build(reader),
              encryption.build(reader));
      warnAboutInsecureCombinations(config);
      return config;
    }

    private void warnAboutInsecureCombinations(CacheletConfig config) {
      boolean usesTls = config.redis().map(RedisEndpoint::tls).orElse(false);
      if (usesTls && config.tls.verify() == TlsVerify.INSECURE) {
        LOG.warn(
            "{}=insecure: the Redis server's certificate is not checked, so anyone on the network"
                + " path can impersonate it. Use it for tests only.",
            reader.name(Setting.REDIS_TLS_VERIFY));
      }
      if (!usesTls && config.tls.trustStore().isPresent()) {
        LOG.warn(
            "{} is set but the Redis URL is not rediss://, so the connection is not encrypted.",
            reader.name(Setting.REDIS_TRUSTSTORE));
      }
      if (!usesTls && config.redis().flatMap(RedisEndpoint::password).isPresent()) {
        LOG.info(
            "The Redis password travels in clear text; use a rediss:// URL when Redis is not on"
                + " a trusted network.");
      }
    }

    private void read(Map<String, String> source, SettingReader.Origin origin) {
      for (Setting setting : Setting.values()) {
        String key =
            origin == SettingReader.Origin.ENVIRONMENT
                ? setting.environmentVariable()
                : setting.property();
        String value = source.get(key);
        if (value != null && !value.isBlank()) {
          apply(setting, value, origin);
        }
      }
    }

    private Builder apply(Setting setting, String raw, SettingReader.Origin origin) {
      Objects.requireNonNull(raw, () -> "value of " + setting.key());
      reader.record(setting, origin);
      String value = raw.trim();
      for (SettingsDraft<?> draft : drafts) {
        if (draft.accept(setting, value, raw, reader)) {
          return this;
        }
      }
      throw new IllegalStateException("no settings type owns " + setting.key());
    }

    private static String iso(Duration value) {
      return Objects.requireNonNull(value, "duration").toString();
    }
  }
}
