package io.cachelet.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Redis deployment is laid out: one server, a cluster, or a master watched by sentinels.
 * Credentials, database and TLS are the {@link RedisEndpoint}'s, for every node.
 *
 * @param kind standalone, cluster or sentinel
 * @param nodes the server (standalone), the seed nodes (cluster) or the sentinels; at least one
 * @param masterName the name the sentinels know the master by; present for sentinel only
 */
public record RedisTopology(Kind kind, List<Node> nodes, Optional<String> masterName) {

  /** The kinds of deployment Cachelet runs on. */
  public enum Kind {
    /** One server (perhaps with replicas Cachelet doesn't use). */
    STANDALONE,
    /** A Redis Cluster: keys sharded over several masters by hash slot. */
    CLUSTER,
    /**
     * A master and its replicas, watched by Redis Sentinel, which promotes a replica on failure.
     */
    SENTINEL
  }

  /** A host and port. */
  public record Node(String host, int port) {
    public Node {
      Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public RedisTopology {
    Objects.requireNonNull(kind, "kind");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(masterName, "masterName");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("A Redis topology needs at least one node");
    }
    if ((kind == Kind.SENTINEL) != masterName.isPresent()) {
      throw new IllegalArgumentException("A master name goes with a sentinel topology only");
    }
  }
}
