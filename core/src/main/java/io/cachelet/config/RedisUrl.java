package io.cachelet.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code redis.url}: the plain {@code redis[s]://} URL of the (first) server, and for a
 * {@code redis[s]-cluster://} or {@code redis[s]-sentinel://} URL the deployment it names.
 *
 * @param uri the {@code redis[s]://} URL of the first node, with the user info and database
 * @param kind the deployment the URL names
 * @param nodes the URL's nodes, for a cluster or sentinel URL; empty otherwise
 * @param master the sentinel master's name
 */
record RedisUrl(
    URI uri, RedisTopology.Kind kind, List<RedisTopology.Node> nodes, Optional<String> master) {

  private static final List<String> MULTI_NODE_SCHEMES =
      List.of("redis-cluster", "rediss-cluster", "redis-sentinel", "rediss-sentinel");

  static RedisUrl parse(Setting setting, String value, SettingReader reader) {
    int schemeEnd = value.indexOf("://");
    String multi = schemeEnd < 0 ? "" : value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (MULTI_NODE_SCHEMES.contains(multi)) {
      return parseMultiNode(setting, value, multi, reader);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw reader.invalid(setting, value, setting.accepted() + " (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
      throw reader.invalid(
          setting,
          value,
          setting.accepted()
              + "; the scheme '"
              + scheme
              + "' is not one of redis, rediss, redis-cluster, rediss-cluster, redis-sentinel,"
              + " rediss-sentinel");
    }
    if (uri.getHost() == null) {
      throw reader.invalid(setting, value, setting.accepted() + "; the host is missing");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw reader.invalid(
          setting,
          value,
          setting.accepted() + "; query parameters are not read, use the cachelet.* settings");
    }
    String path = uri.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,9}")) {
      throw reader.invalid(
          setting, value, setting.accepted() + "; the database '" + path + "' is not a number");
    }
    return new RedisUrl(uri, RedisTopology.Kind.STANDALONE, List.of(), Optional.empty());
  }

  /**
   * A cluster or sentinel URL: its node list, and the plain {@code redis[s]://} URL of the first
   * node with the same user info and database, read like any other.
   */
  private static RedisUrl parseMultiNode(
      Setting setting, String value, String scheme, SettingReader reader) {
    boolean sentinel = scheme.endsWith("-sentinel");
    String rest = value.substring(scheme.length() + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
    String hosts = authority.substring(at + 1);
    if (hosts.isEmpty()) {
      throw reader.invalid(setting, value, setting.accepted() + "; the host is missing");
    }
    if (rest.contains("?") || rest.contains("#")) {
      throw reader.invalid(
          setting,
          value,
          setting.accepted() + "; query parameters are not read, use the cachelet.* settings");
    }
    List<RedisTopology.Node> nodes = nodes(setting, hosts, value, reader);
    String master = null;
    String db = "";
    if (sentinel) {
      String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
      if (parts.length < 1
          || parts.length > 2
          || !parts[0].matches("[A-Za-z0-9._-]{1,128}")
          || (parts.length == 2 && !parts[1].matches("\\d{1,9}"))) {
        throw reader.invalid(
            setting, value, setting.accepted() + "; the master name is missing or invalid");
      }
      master = parts[0];
      db = parts.length == 2 ? "/" + parts[1] : "";
    } else if (!path.isEmpty() && !path.equals("/") && !path.equals("/0")) {
      throw reader.invalid(setting, value, setting.accepted() + "; a cluster has database 0 only");
    }
    String tls = scheme.startsWith("rediss") ? "rediss" : "redis";
    URI first;
    try {
      first = new URI(tls + "://" + userInfo + nodes.get(0) + db);
    } catch (URISyntaxException e) {
      throw reader.invalid(setting, value, setting.accepted() + " (" + e.getReason() + ")");
    }
    return new RedisUrl(
        first,
        sentinel ? RedisTopology.Kind.SENTINEL : RedisTopology.Kind.CLUSTER,
        nodes,
        Optional.ofNullable(master));
  }

  /** {@code host:port[,host:port...]}, each port given; {@code shown} is the value for errors. */
  static List<RedisTopology.Node> nodes(
      Setting setting, String list, String shown, SettingReader reader) {
    List<RedisTopology.Node> nodes = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      String node = part.trim();
      int colon = node.lastIndexOf(':');
      if (colon <= 0 || node.contains(" ") || node.contains("/") || node.contains("@")) {
        throw reader.invalid(
            setting, shown, setting.accepted() + "; '" + node + "' is not host:port");
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
        throw reader.invalid(
            setting, shown, setting.accepted() + "; '" + node + "' has no valid port");
      }
      RedisTopology.Node parsed = new RedisTopology.Node(nodeHost, nodePort);
      if (!nodes.contains(parsed)) {
        nodes.add(parsed);
      }
    }
    return List.copyOf(nodes);
  }

  /** [user, password] of the URL's user info; {@code :pw} and a lone {@code pw} mean no user. */
  String[] userInfo() {
    String userInfo = uri.getUserInfo();
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

  Optional<Integer> database() {
    String path = uri.getPath();
    return path == null || path.isEmpty() || path.equals("/")
        ? Optional.empty()
        : Optional.of(Integer.parseInt(path.substring(1)));
  }
}
