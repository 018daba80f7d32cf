package io.cachelet.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which Redis to use ({@code redis.url}, or {@code redis.host}/{@code redis.port}, or {@code
 * redis.cluster-nodes}, or {@code redis.sentinels} with {@code redis.sentinel-master}) and how to
 * log in ({@code redis.user}, {@code redis.password}, {@code redis.db}). Both parts are empty when
 * no Redis is configured, which means the in-process store.
 *
 * @param endpoint the credentials, database and TLS for every node, and the (first) server
 * @param topology one server, a cluster or a sentinel group, and its nodes; present exactly when
 *     {@code endpoint} is
 */
public record RedisSettings(Optional<RedisEndpoint> endpoint, Optional<RedisTopology> topology) {

  static final class Draft implements SettingsDraft<RedisSettings> {
    private RedisUrl url;
    private List<RedisTopology.Node> clusterNodes;
    private List<RedisTopology.Node> sentinels;
    private String sentinelMaster;
    private String host;
    private Integer port;
    private String user;
    private String password;
    private Integer database;
    private boolean tls;

    /** Names the same deployment as {@code from}, by its parts rather than a URL. */
    void copyFrom(RedisSettings from) {
      from.endpoint.ifPresent(
          r -> {
            host = r.host();
            port = r.port();
            user = r.user().orElse(null);
            password = r.password().orElse(null);
            database = r.database();
            tls = r.tls();
          });
      from.topology.ifPresent(
          t -> {
            switch (t.kind()) {
              case CLUSTER -> {
                host = null;
                clusterNodes = t.nodes();
              }
              case SENTINEL -> {
                host = null;
                sentinels = t.nodes();
                sentinelMaster = t.masterName().orElseThrow();
              }
              case STANDALONE -> {}
            }
          });
    }

    @Override
    public boolean accept(Setting setting, String value, String raw, SettingReader reader) {
      switch (setting) {
        case REDIS_URL -> url = RedisUrl.parse(setting, value, reader);
        case REDIS_CLUSTER_NODES -> clusterNodes = RedisUrl.nodes(setting, value, value, reader);
        case REDIS_SENTINELS -> sentinels = RedisUrl.nodes(setting, value, value, reader);
        case REDIS_SENTINEL_MASTER ->
            sentinelMaster =
                reader.requireThat(setting, value, value.matches("[A-Za-z0-9._-]{1,128}"));
        case REDIS_HOST ->
            host = reader.requireThat(setting, value, !value.isEmpty() && !value.contains(" "));
        case REDIS_PORT -> port = reader.intIn(setting, value, 1, 65_535);
        case REDIS_USER -> user = value.isEmpty() ? null : value;
        case REDIS_PASSWORD -> password = raw.isEmpty() ? null : raw;
        case REDIS_DB -> database = reader.intIn(setting, value, 0, Integer.MAX_VALUE);
        default -> {
          return false;
        }
      }
      return true;
    }

    /** Whether the settings name a Redis Cluster. */
    boolean cluster() {
      return clusterNodes != null || (url != null && url.kind() == RedisTopology.Kind.CLUSTER);
    }

    /** Combinations no single setting can reject: two deployments named at once, half a pair. */
    void checkDeployment(SettingReader reader) {
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
        throw new ConfigException(
            reader.name(named.get(0)),
            "Conflicting settings "
                + named.stream().map(reader::name).toList()
                + ": each names a Redis deployment; set only one of them.");
      }
      if ((sentinels != null) != (sentinelMaster != null)) {
        Setting missing =
            sentinels == null ? Setting.REDIS_SENTINELS : Setting.REDIS_SENTINEL_MASTER;
        Setting present =
            sentinels == null ? Setting.REDIS_SENTINEL_MASTER : Setting.REDIS_SENTINELS;
        String missingName = reader.nameLike(missing, present);
        throw new ConfigException(
            missingName,
            "Missing setting " + missingName + ": it goes with " + reader.name(present) + ".");
      }
    }

    @Override
    public RedisSettings build(SettingReader reader) {
      int db = url != null ? url.database().orElse(database) : database;
      if (cluster() && db != 0) {
        throw new ConfigException(
            reader.name(Setting.REDIS_DB),
            "Invalid setting "
                + reader.name(Setting.REDIS_DB)
                + "='"
                + db
                + "': a Redis Cluster has database 0 only.");
      }
      Optional<RedisEndpoint> endpoint = endpoint();
      return new RedisSettings(endpoint, endpoint.map(this::topology));
    }

    private Optional<RedisEndpoint> endpoint() {
      if (url == null && host == null) {
        List<RedisTopology.Node> nodes = clusterNodes != null ? clusterNodes : sentinels;
        if (nodes == null) {
          return Optional.empty();
        }
        return Optional.of(endpoint(nodes.get(0).host(), nodes.get(0).port()));
      }
      if (url == null) {
        return Optional.of(endpoint(host, port));
      }
      // The URL names the server; separately set user, password and database fill its gaps, so
      // that a secret can stay out of the URL.
      String[] userInfo = url.userInfo();
      return Optional.of(
          new RedisEndpoint(
              url.uri().getHost(),
              url.uri().getPort() == -1 ? 6379 : url.uri().getPort(),
              Optional.ofNullable(userInfo[0]).or(() -> Optional.ofNullable(user)),
              Optional.ofNullable(userInfo[1]).or(() -> Optional.ofNullable(password)),
              url.database().orElse(database),
              "rediss".equalsIgnoreCase(url.uri().getScheme())));
    }

    private RedisEndpoint endpoint(String nodeHost, int nodePort) {
      return new RedisEndpoint(
          nodeHost,
          nodePort,
          Optional.ofNullable(user),
          Optional.ofNullable(password),
          database,
          tls);
    }

    /** The deployment: a cluster or sentinel URL, else the node settings, else one server. */
    private RedisTopology topology(RedisEndpoint endpoint) {
      if (url != null && url.kind() != RedisTopology.Kind.STANDALONE) {
        return new RedisTopology(url.kind(), url.nodes(), url.master());
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
  }
}
