package io.cachelet.config;

import io.cachelet.key.KeyBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cachelet's core configuration: immutable, validated when built.
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
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|b|kb|mb|gb)");

  private final Optional<RedisEndpoint> redis;
  private final Optional<RedisTopology> redisTopology;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final int poolMax;
  private final Duration poolWait;
  private final Optional<Path> trustStore;
  private final Optional<String> trustStorePassword;
  private final String trustStoreType;
  private final TlsVerify tlsVerify;
  private final int breakerFailures;
  private final Duration breakerOpenDuration;
  private final Duration healthSlowThreshold;
  private final String keyPrefix;
  private final int maxKeyLength;
  private final Duration defaultTtl;
  private final Duration loadWait;
  private final long memoryMaxBytes;
  private final boolean nearCacheEnabled;
  private final long nearCacheMaxEntries;
  private final Optional<Long> nearCacheMaxBytes;
  private final Duration nearCacheTtlCap;
  private final boolean nearCacheTracking;

  private CacheletConfig(Builder b) {
    this.redis = b.redisEndpoint();
    this.redisTopology = redis.map(endpoint -> b.redisTopology(endpoint));
    this.connectTimeout = b.connectTimeout;
    this.socketTimeout = b.socketTimeout;
    this.poolMax = b.poolMax;
    this.poolWait = b.poolWait;
    this.trustStore = Optional.ofNullable(b.trustStore);
    this.trustStorePassword = Optional.ofNullable(b.trustStorePassword);
    this.trustStoreType = b.trustStoreType;
    this.tlsVerify = b.tlsVerify;
    this.breakerFailures = b.breakerFailures;
    this.breakerOpenDuration = b.breakerOpenDuration;
    this.healthSlowThreshold = b.healthSlowThreshold;
    this.keyPrefix = b.keyPrefix;
    this.maxKeyLength = b.maxKeyLength;
    this.defaultTtl = b.defaultTtl;
    this.loadWait = b.loadWait;
    this.memoryMaxBytes = b.memoryMaxBytes;
    this.nearCacheEnabled = b.nearCacheEnabled;
    this.nearCacheMaxEntries = b.nearCacheMaxEntries;
    this.nearCacheMaxBytes = Optional.ofNullable(b.nearCacheMaxBytes);
    this.nearCacheTtlCap = b.nearCacheTtlCap;
    this.nearCacheTracking = b.nearCacheTracking;
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
    builder.read(sources.classpathProperties(), Origin.CLASSPATH);
    builder.read(sources.environment(), Origin.ENVIRONMENT);
    builder.read(sources.systemProperties(), Origin.SYSTEM_PROPERTY);
    return builder;
  }

  /** The Redis server to use; empty means the in-process store. */
  public Optional<RedisEndpoint> redis() {
    return redis;
  }

  /**
   * Whether Redis is one server, a cluster or a sentinel group, and its nodes; present exactly when
   * {@link #redis()} is. The endpoint holds the credentials, database and TLS for every node (for a
   * cluster or sentinel group, its host and port are the first node's).
   */
  public Optional<RedisTopology> redisTopology() {
    return redisTopology;
  }

  /** How long opening a connection to Redis may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long one Redis reply may take. */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** The most Redis connections the pool opens. */
  public int poolMax() {
    return poolMax;
  }

  /** How long a caller waits for a pooled connection before the call counts as failed. */
  public Duration poolWait() {
    return poolWait;
  }

  /** The trust store for {@code rediss://}; empty means the JVM's default trust store. */
  public Optional<Path> trustStore() {
    return trustStore;
  }

  /** The trust store's password. */
  public Optional<String> trustStorePassword() {
    return trustStorePassword;
  }

  /** The trust store's type, {@code PKCS12} or {@code JKS}. */
  public String trustStoreType() {
    return trustStoreType;
  }

  /** How the Redis server's certificate is checked. */
  public TlsVerify tlsVerify() {
    return tlsVerify;
  }

  /** Consecutive store failures after which the circuit breaker opens. */
  public int breakerFailures() {
    return breakerFailures;
  }

  /** How long the breaker stays open before it lets a probe call through. */
  public Duration breakerOpenDuration() {
    return breakerOpenDuration;
  }

  /** Ping latency above which health reports DEGRADED. */
  public Duration healthSlowThreshold() {
    return healthSlowThreshold;
  }

  /** The application prefix every key starts with. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Store keys longer than this are shortened to a head and a hash. */
  public int maxKeyLength() {
    return maxKeyLength;
  }

  /** The TTL of entries written without one. */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  /** How long a caller waits for another caller's load of the same key before loading itself. */
  public Duration loadWait() {
    return loadWait;
  }

  /** The most bytes of keys and values the in-process store keeps. */
  public long memoryMaxBytes() {
    return memoryMaxBytes;
  }

  /** Whether a near cache (an in-process copy, kept coherent between instances) fronts Redis. */
  public boolean nearCacheEnabled() {
    return nearCacheEnabled;
  }

  /** The most entries the near cache holds, unless {@link #nearCacheMaxBytes()} is set. */
  public long nearCacheMaxEntries() {
    return nearCacheMaxEntries;
  }

  /** The most bytes of keys and values the near cache holds; when set, it replaces the count. */
  public Optional<Long> nearCacheMaxBytes() {
    return nearCacheMaxBytes;
  }

  /** The longest the near cache serves a copy without asking Redis again. */
  public Duration nearCacheTtlCap() {
    return nearCacheTtlCap;
  }

  /**
   * Whether the near cache learns of changes from Redis itself ({@code CLIENT TRACKING ... BCAST}),
   * which also catches writes by other programs, instead of from Cachelet's own messages.
   */
  public boolean nearCacheTracking() {
    return nearCacheTracking;
  }

  /** The key builder for this configuration's prefix and key length. */
  public KeyBuilder keyBuilder() {
    return KeyBuilder.of(keyPrefix, maxKeyLength);
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    redis.ifPresent(
        r -> {
          b.host = r.host();
          b.port = r.port();
          b.user = r.user().orElse(null);
          b.password = r.password().orElse(null);
          b.database = r.database();
          b.tls = r.tls();
        });
    redisTopology.ifPresent(
        t -> {
          switch (t.kind()) {
            case CLUSTER -> {
              b.host = null;
              b.clusterNodes = t.nodes();
            }
            case SENTINEL -> {
              b.host = null;
              b.sentinels = t.nodes();
              b.sentinelMaster = t.masterName().orElseThrow();
            }
            case STANDALONE -> {}
          }
        });
    b.connectTimeout = connectTimeout;
    b.socketTimeout = socketTimeout;
    b.poolMax = poolMax;
    b.poolWait = poolWait;
    b.trustStore = trustStore.orElse(null);
    b.trustStorePassword = trustStorePassword.orElse(null);
    b.trustStoreType = trustStoreType;
    b.tlsVerify = tlsVerify;
    b.breakerFailures = breakerFailures;
    b.breakerOpenDuration = breakerOpenDuration;
    b.healthSlowThreshold = healthSlowThreshold;
    b.keyPrefix = keyPrefix;
    b.maxKeyLength = maxKeyLength;
    b.defaultTtl = defaultTtl;
    b.loadWait = loadWait;
    b.memoryMaxBytes = memoryMaxBytes;
    b.nearCacheEnabled = nearCacheEnabled;
    b.nearCacheMaxEntries = nearCacheMaxEntries;
    b.nearCacheMaxBytes = nearCacheMaxBytes.orElse(null);
    b.nearCacheTtlCap = nearCacheTtlCap;
    b.nearCacheTracking = nearCacheTracking;
    return b;
  }

  @Override
  public String toString() {
    return "CacheletConfig[store="
        + redis.map(RedisEndpoint::redacted).orElse("in-process")
        + redisTopology
            .filter(t -> t.kind() != RedisTopology.Kind.STANDALONE)
            .map(t -> " (" + t.kind().name().toLowerCase(Locale.ROOT) + " " + t.nodes() + ")")
            .orElse("")
        + ", keyPrefix="
        + keyPrefix
        + ", defaultTtl="
        + DurationFormat.format(defaultTtl)
        + ", connectTimeout="
        + DurationFormat.format(connectTimeout)
        + ", socketTimeout="
        + DurationFormat.format(socketTimeout)
        + ", poolMax="
        + poolMax
        + ", poolWait="
        + DurationFormat.format(poolWait)
        + "]";
  }

  /** Where a textual value came from, so that errors name the setting as the user wrote it. */
  private enum Origin {
    CODE,
    SYSTEM_PROPERTY,
    ENVIRONMENT,
    CLASSPATH;

    String nameOf(Setting setting) {
      return switch (this) {
        case CODE -> setting.key();
        case SYSTEM_PROPERTY -> setting.property();
        case ENVIRONMENT -> setting.environmentVariable();
        case CLASSPATH -> setting.property() + " in " + ConfigSources.PROPERTIES_FILE;
      };
    }
  }

  /**
   * Collects settings and validates each as it is set; {@link #build()} checks the combinations.
   * Not thread-safe.
   */
  public static final class Builder {

    private final Map<Setting, Origin> origins = new EnumMap<>(Setting.class);
    private URI url;
    private RedisTopology.Kind urlKind;
    private List<RedisTopology.Node> urlNodes;
    private String urlMaster;
    private List<RedisTopology.Node> clusterNodes;
    private List<RedisTopology.Node> sentinels;
    private String sentinelMaster;
    private String host;
    private Integer port;
    private String user;
    private String password;
    private Integer database;
    private boolean tls;
    private Duration connectTimeout;
    private Duration socketTimeout;
    private int poolMax;
    private Duration poolWait;
    private Path trustStore;
    private String trustStorePassword;
    private String trustStoreType;
    private TlsVerify tlsVerify;
    private int breakerFailures;
    private Duration breakerOpenDuration;
    private Duration healthSlowThreshold;
    private String keyPrefix;
    private int maxKeyLength;
    private Duration defaultTtl;
    private Duration loadWait;
    private long memoryMaxBytes;
    private boolean nearCacheEnabled;
    private long nearCacheMaxEntries;
    private Long nearCacheMaxBytes;
    private Duration nearCacheTtlCap;
    private boolean nearCacheTracking;

    private Builder() {
      for (Setting setting : Setting.values()) {
        setting.defaultValue().ifPresent(value -> apply(setting, value, Origin.CODE));
      }
      origins.clear();
    }

    /**
     * Sets a setting from its textual form, as it would be written in a properties file.
     *
     * @throws ConfigException when the text is not accepted
     */
    public Builder set(Setting setting, String value) {
      return apply(setting, value, Origin.CODE);
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

    /** The validated configuration; warns once about insecure combinations. */
    public CacheletConfig build() {
      checkTopology();
      if (trustStore != null && trustStorePassword == null) {
        Origin origin = origins.getOrDefault(Setting.REDIS_TRUSTSTORE, Origin.CODE);
        String passwordName = origin.nameOf(Setting.REDIS_TRUSTSTORE_PASSWORD);
        throw new ConfigException(
            passwordName,
            "Missing setting "
                + passwordName
                + ": the trust store "
                + origin.nameOf(Setting.REDIS_TRUSTSTORE)
                + "='"
                + trustStore
                + "' can't be opened without its password.");
      }
      CacheletConfig config = new CacheletConfig(this);
      boolean usesTls = config.redis.map(RedisEndpoint::tls).orElse(false);
      if (usesTls && tlsVerify == TlsVerify.INSECURE) {
        LOG.warn(
            "{}=insecure: the Redis server's certificate is not checked, so anyone on the network"
                + " path can impersonate it. Use it for tests only.",
            name(Setting.REDIS_TLS_VERIFY));
      }
      if (!usesTls && trustStore != null) {
        LOG.warn(
            "{} is set but the Redis URL is not rediss://, so the connection is not encrypted.",
            name(Setting.REDIS_TRUSTSTORE));
      }
      if (!usesTls && config.redis.flatMap(RedisEndpoint::password).isPresent()) {
        LOG.info(
            "The Redis password travels in clear text; use a rediss:// URL when Redis is not on"
                + " a trusted network.");
      }
      return config;
    }

    private void read(Map<String, String> source, Origin origin) {
      for (Setting setting : Setting.values()) {
        String key =
            origin == Origin.ENVIRONMENT ? setting.environmentVariable() : setting.property();
        String value = source.get(key);
        if (value != null && !value.isBlank()) {
          apply(setting, value, origin);
        }
      }
    }

    private Builder apply(Setting setting, String raw, Origin origin) {
      Objects.requireNonNull(raw, () -> "value of " + setting.key());
      origins.put(setting, origin);
      String value = raw.trim();
      switch (setting) {
        case REDIS_URL -> url = parseUrl(setting, value);
        case REDIS_CLUSTER_NODES -> clusterNodes = nodes(setting, value, value);
        case REDIS_SENTINELS -> sentinels = nodes(setting, value, value);
        case REDIS_SENTINEL_MASTER ->
            sentinelMaster = requireThat(setting, value, value.matches("[A-Za-z0-9._-]{1,128}"));
        case REDIS_HOST ->
            host = requireThat(setting, value, !value.isEmpty() && !value.contains(" "));
        case REDIS_PORT -> port = intIn(setting, value, 1, 65_535);
        case REDIS_USER -> user = value.isEmpty() ? null : value;
        case REDIS_PASSWORD -> password = raw.isEmpty() ? null : raw;
        case REDIS_DB -> database = intIn(setting, value, 0, Integer.MAX_VALUE);
        case REDIS_CONNECT_TIMEOUT -> connectTimeout = positive(setting, value);
        case REDIS_SOCKET_TIMEOUT -> socketTimeout = positive(setting, value);
        case REDIS_POOL_MAX -> poolMax = intIn(setting, value, 1, 10_000);
        case REDIS_POOL_WAIT -> poolWait = duration(setting, value);
        case REDIS_TRUSTSTORE -> trustStore = existingFile(setting, value);
        case REDIS_TRUSTSTORE_PASSWORD -> trustStorePassword = raw;
        case REDIS_TRUSTSTORE_TYPE -> trustStoreType = oneOf(setting, value, "PKCS12", "JKS");
        case REDIS_TLS_VERIFY ->
            tlsVerify = TlsVerify.valueOf(oneOf(setting, value, "FULL", "CA", "INSECURE"));
        case BREAKER_FAILURES -> breakerFailures = intIn(setting, value, 1, 1000);
        case BREAKER_OPEN_DURATION -> breakerOpenDuration = positive(setting, value);
        case HEALTH_SLOW_THRESHOLD -> healthSlowThreshold = positive(setting, value);
        case KEY_PREFIX -> keyPrefix = keyPrefix(setting, value);
        case MAX_KEY_LENGTH ->
            maxKeyLength = intIn(setting, value, KeyBuilder.MIN_MAX_LENGTH, 65_536);
        case DEFAULT_TTL -> defaultTtl = positive(setting, value);
        case LOAD_WAIT -> loadWait = positive(setting, value);
        case MEMORY_MAX_BYTES -> memoryMaxBytes = size(setting, value);
        case NEAR_CACHE_ENABLED ->
            nearCacheEnabled = Boolean.parseBoolean(oneOf(setting, value, "TRUE", "FALSE"));
        case NEAR_CACHE_MAX_ENTRIES ->
            nearCacheMaxEntries = intIn(setting, value, 1, 1_000_000_000);
        case NEAR_CACHE_MAX_BYTES -> nearCacheMaxBytes = size(setting, value);
        case NEAR_CACHE_TTL_CAP -> nearCacheTtlCap = positive(setting, value);
        case NEAR_CACHE_MODE ->
            nearCacheTracking = oneOf(setting, value, "PUBSUB", "TRACKING").equals("TRACKING");
      }
      return this;
    }

    private Optional<RedisEndpoint> redisEndpoint() {
      if (url == null && host == null) {
        List<RedisTopology.Node> nodes = clusterNodes != null ? clusterNodes : sentinels;
        if (nodes == null) {
          return Optional.empty();
        }
        return Optional.of(
            new RedisEndpoint(
                nodes.get(0).host(),
                nodes.get(0).port(),
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                database,
                tls));
      }
      if (url == null) {
        return Optional.of(
            new RedisEndpoint(
                host,
                port,
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                database,
                tls));
      }
      // The URL names the server; separately set user, password and database fill its gaps, so
      // that a secret can stay out of the URL.
      String[] userInfo = splitUserInfo(url.getUserInfo());
      return Optional.of(
          new RedisEndpoint(
              url.getHost(),
              url.getPort() == -1 ? 6379 : url.getPort(),
              Optional.ofNullable(userInfo[0]).or(() -> Optional.ofNullable(user)),
              Optional.ofNullable(userInfo[1]).or(() -> Optional.ofNullable(password)),
              urlDatabase(url).orElse(database),
              "rediss".equalsIgnoreCase(url.getScheme())));
    }

    /** The deployment: a cluster or sentinel URL, else the node settings, else one server. */
    private RedisTopology redisTopology(RedisEndpoint endpoint) {
      if (url != null && urlKind != RedisTopology.Kind.STANDALONE) {
        return new RedisTopology(urlKind, urlNodes, Optional.ofNullable(urlMaster));
      }
      if (clusterNodes != null) {
        return new RedisTopology(RedisTopology.Kind.CLUSTER, clusterNodes, Optional.empty());
      }
      if (sentinels != null) {
        return new RedisTopology(
            RedisTopology.Kind.SENTINEL, sentinels, Optional.of(sentinelMaster));
      }
      return new RedisTopology(
          RedisTopology.Kind.STANDALONE,
          List.of(new RedisTopology.Node(endpoint.host(), endpoint.port())),
          Optional.empty());
    }

    /** Combinations no single setting can reject: two deployments named at once, half a pair. */
    private void checkTopology() {
      List<Setting> named = new ArrayList<>();
      if (url != null) {
        named.add(Setting.REDIS_URL);
      }
      if (host != null) {
        named.add(Setting.REDIS_HOST);
      }
      if (clusterNodes != null) {
        named.add(Setting.REDIS_CLUSTER_NODES);
      }
      if (sentinels != null) {
        named.add(Setting.REDIS_SENTINELS);
      }
      if (named.size() > 1) {
        String first = name(named.get(0));
        throw new ConfigException(
            first,
            "Conflicting settings "
                + named.stream().map(this::name).toList()
                + ": each names a Redis deployment; set only one of them.");
      }
      if ((sentinels != null) != (sentinelMaster != null)) {
        Setting missing =
            sentinels == null ? Setting.REDIS_SENTINELS : Setting.REDIS_SENTINEL_MASTER;
        Setting present =
            sentinels == null ? Setting.REDIS_SENTINEL_MASTER : Setting.REDIS_SENTINELS;
        // name the missing one the way the user wrote the other
        String missingName = origins.getOrDefault(present, Origin.CODE).nameOf(missing);
        throw new ConfigException(
            missingName,
            "Missing setting " + missingName + ": it goes with " + name(present) + ".");
      }
      boolean cluster =
          clusterNodes != null || (url != null && urlKind == RedisTopology.Kind.CLUSTER);
      int db = url != null ? urlDatabase(url).orElse(database) : database;
      if (cluster && nearCacheTracking) {
        throw new ConfigException(
            name(Setting.NEAR_CACHE_MODE),
            "Invalid setting "
                + name(Setting.NEAR_CACHE_MODE)
                + "='tracking': server-assisted tracking is per server, so it is not available on a"
                + " Redis Cluster; use pubsub.");
      }
      if (cluster && db != 0) {
        throw new ConfigException(
            name(Setting.REDIS_DB),
            "Invalid setting "
                + name(Setting.REDIS_DB)
                + "='"
                + db
                + "': a Redis Cluster has database 0 only.");
      }
    }

    /** {@code host:port[,host:port...]}, each port given; {@code shown} is the value for errors. */
    private List<RedisTopology.Node> nodes(Setting setting, String list, String shown) {
      List<RedisTopology.Node> nodes = new ArrayList<>();
      for (String part : list.split(",", -1)) {
        String node = part.trim();
        int colon = node.lastIndexOf(':');
        if (colon <= 0 || node.contains(" ") || node.contains("/") || node.contains("@")) {
          throw invalid(setting, shown, setting.accepted() + "; '" + node + "' is not host:port");
        }
        String nodeHost = node.substring(0, colon);
        if (nodeHost.startsWith("[") && nodeHost.endsWith("]")) {
          nodeHost = nodeHost.substring(1, nodeHost.length() - 1);
        }
        int nodePort;
        try {
          nodePort = Integer.parseInt(node.substring(colon + 1));
        } catch (NumberFormatException e) {
          nodePort = -1;
        }
        if (nodePort < 1 || nodePort > 65_535) {
          throw invalid(setting, shown, setting.accepted() + "; '" + node + "' has no valid port");
        }
        RedisTopology.Node parsed = new RedisTopology.Node(nodeHost, nodePort);
        if (!nodes.contains(parsed)) {
          nodes.add(parsed);
        }
      }
      return List.copyOf(nodes);
    }

    /**
     * A {@code redis[s]-cluster://} or {@code redis[s]-sentinel://} URL: its node list goes to
     * {@link #urlNodes}, and the URL returned is the plain {@code redis[s]://} URL of the first
     * node with the same user info and database, read like any other.
     */
    private URI parseMultiNodeUrl(Setting setting, String value, String scheme) {
      boolean sentinel = scheme.endsWith("-sentinel");
      String rest = value.substring(scheme.length() + 3);
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : rest.substring(slash);
      int at = authority.lastIndexOf('@');
      String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
      String hosts = authority.substring(at + 1);
      if (hosts.isEmpty()) {
        throw invalid(setting, value, setting.accepted() + "; the host is missing");
      }
      if (rest.contains("?") || rest.contains("#")) {
        throw invalid(
            setting,
            value,
            setting.accepted() + "; query parameters are not read, use the cachelet.* settings");
      }
      List<RedisTopology.Node> nodes = nodes(setting, hosts, value);
      String master = null;
      String db = "";
      if (sentinel) {
        String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
        if (parts.length < 1
            || parts.length > 2
            || !parts[0].matches("[A-Za-z0-9._-]{1,128}")
            || (parts.length == 2 && !parts[1].matches("\\d{1,9}"))) {
          throw invalid(
              setting, value, setting.accepted() + "; the master name is missing or invalid");
        }
        master = parts[0];
        db = parts.length == 2 ? "/" + parts[1] : "";
      } else if (!path.isEmpty() && !path.equals("/") && !path.equals("/0")) {
        throw invalid(setting, value, setting.accepted() + "; a cluster has database 0 only");
      }
      String tls = scheme.startsWith("rediss") ? "rediss" : "redis";
      URI first;
      try {
        first = new URI(tls + "://" + userInfo + nodes.get(0) + db);
      } catch (URISyntaxException e) {
        throw invalid(setting, value, setting.accepted() + " (" + e.getReason() + ")");
      }
      urlKind = sentinel ? RedisTopology.Kind.SENTINEL : RedisTopology.Kind.CLUSTER;
      urlNodes = nodes;
      urlMaster = master;
      return first;
    }

    /** [user, password] of a URL's user info; {@code :pw} and a lone {@code pw} mean no user. */
    private static String[] splitUserInfo(String userInfo) {
      if (userInfo == null || userInfo.isEmpty()) {
        return new String[2];
      }
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        return new String[] {null, userInfo};
      }
      String u = userInfo.substring(0, colon);
      String p = userInfo.substring(colon + 1);
      return new String[] {u.isEmpty() ? null : u, p.isEmpty() ? null : p};
    }

    private static Optional<Integer> urlDatabase(URI uri) {
      String path = uri.getPath();
      return path == null || path.isEmpty() || path.equals("/")
          ? Optional.empty()
          : Optional.of(Integer.parseInt(path.substring(1)));
    }

    private URI parseUrl(Setting setting, String value) {
      int schemeEnd = value.indexOf("://");
      String multi = schemeEnd < 0 ? "" : value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      if (List.of("redis-cluster", "rediss-cluster", "redis-sentinel", "rediss-sentinel")
          .contains(multi)) {
        return parseMultiNodeUrl(setting, value, multi);
      }
      urlKind = RedisTopology.Kind.STANDALONE;
      urlNodes = null;
      urlMaster = null;
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw invalid(setting, value, setting.accepted() + " (" + e.getReason() + ")");
      }
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
        throw invalid(
            setting,
            value,
            setting.accepted()
                + "; the scheme '"
                + scheme
                + "' is not one of redis, rediss, redis-cluster, rediss-cluster, redis-sentinel,"
                + " rediss-sentinel");
      }
      if (uri.getHost() == null) {
        throw invalid(setting, value, setting.accepted() + "; the host is missing");
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw invalid(
            setting,
            value,
            setting.accepted() + "; query parameters are not read, use the cachelet.* settings");
      }
      String path = uri.getPath();
      if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,9}")) {
        throw invalid(
            setting, value, setting.accepted() + "; the database '" + path + "' is not a number");
      }
      return uri;
    }

    private String keyPrefix(Setting setting, String value) {
      try {
        return KeyBuilder.of(value, KeyBuilder.DEFAULT_MAX_LENGTH).prefix();
      } catch (IllegalArgumentException e) {
        throw invalid(setting, value, setting.accepted());
      }
    }

    private Path existingFile(Setting setting, String value) {
      Path path = Path.of(value);
      if (!Files.isReadable(path)) {
        throw invalid(setting, value, setting.accepted() + "; no readable file is there");
      }
      return path;
    }

    private String oneOf(Setting setting, String value, String... choices) {
      String upper = value.toUpperCase(Locale.ROOT);
      for (String choice : choices) {
        if (choice.equals(upper)) {
          return choice;
        }
      }
      throw invalid(setting, value, setting.accepted());
    }

    private int intIn(Setting setting, String value, int min, int max) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below, with what is accepted
      }
      throw invalid(setting, value, setting.accepted());
    }

    private Duration duration(Setting setting, String value) {
      try {
        Duration parsed = DurationFormat.parse(value);
        if (!parsed.isNegative()) {
          return parsed;
        }
      } catch (IllegalArgumentException e) {
        // reported below, with what is accepted
      }
      throw invalid(setting, value, setting.accepted());
    }

    private Duration positive(Setting setting, String value) {
      Duration parsed = duration(setting, value);
      if (parsed.isZero()) {
        throw invalid(setting, value, setting.accepted());
      }
      return parsed;
    }

    private long size(Setting setting, String value) {
      Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        long unit =
            switch (m.group(2)) {
              case "kb" -> 1L << 10;
              case "mb" -> 1L << 20;
              case "gb" -> 1L << 30;
              default -> 1;
            };
        if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
          return amount * unit;
        }
      }
      throw invalid(setting, value, setting.accepted());
    }

    private String requireThat(Setting setting, String value, boolean valid) {
      if (!valid) {
        throw invalid(setting, value, setting.accepted());
      }
      return value;
    }

    private ConfigException invalid(Setting setting, String value, String accepted) {
      String name = name(setting);
      String shown =
          switch (setting) {
            case REDIS_PASSWORD, REDIS_TRUSTSTORE_PASSWORD -> "***";
            case REDIS_URL -> value.replaceAll("//[^/@]*@", "//***@");
            default -> value;
          };
      return new ConfigException(
          name, "Invalid setting " + name + "='" + shown + "': expected " + accepted + ".");
    }

    private String name(Setting setting) {
      return origins.getOrDefault(setting, Origin.CODE).nameOf(setting);
    }

    private static String iso(Duration value) {
      return Objects.requireNonNull(value, "duration").toString();
    }
  }
}
