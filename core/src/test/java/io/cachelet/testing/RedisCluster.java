package io.cachelet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of server processes of the test's own: {@code redis-server --cluster-enabled yes}
 * on free loopback ports (each with its cluster bus on another free port), joined by {@code
 * redis-cli --cluster create}. Start one per test class: it takes a couple of seconds. Nodes fail
 * over after one second without their master ({@code cluster-node-timeout 1000}).
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start(3, 1)) {
 *   CacheletConfig config = CacheletConfig.builder().redisClusterNodes(cluster.seeds()).build();
 * }
 * }</pre>
 */
public final class RedisCluster implements AutoCloseable {

  /** How long a node may be silent before the others consider it failed. */
  public static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code masters} masters with {@code replicasPerMaster} replicas each and waits until
   * every slot is served. Aborts the test (fails it with {@code CI=true}) when {@code redis-server}
   * 7 or {@code redis-cli} is not on the PATH.
   */
  public static RedisCluster start(int masters, int replicasPerMaster) {
    Path cli =
        RedisBinary.onPath("redis-cli")
            .orElseThrow(() -> Availability.missing("No redis-cli on the PATH"));
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
        nodes.add(
            RedisProcess.startOnPath(
                List.of(
                    "--cluster-enabled",
                    "yes",
                    // the bus defaults to port + 10000, which may be beyond 65535 for a free port
                    "--cluster-port",
                    Integer.toString(RedisProcess.freePort()),
                    "--cluster-node-timeout",
                    Long.toString(NODE_TIMEOUT.toMillis()),
                    "--cluster-config-file",
                    "nodes.conf")));
      }
      RedisCluster cluster = new RedisCluster(nodes);
      cluster.create(cli, replicasPerMaster);
      cluster.awaitHealthy(READY_TIMEOUT);
      return cluster;
    } catch (RuntimeException e) {
      nodes.forEach(RedisServer::close);
      throw e;
    }
  }

  private void create(Path cli, int replicasPerMaster) {
    List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
    nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
    command.addAll(
        List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the cluster", e);
    }
  }

  /**
   * Waits until every running node reports {@code cluster_state:ok} and the cluster has as many
   * masters as it was created with, each serving slots.
   */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        boolean ok = true;
        for (RedisServer node : running()) {
          last = node.command("CLUSTER", "INFO");
          ok &= last.contains("cluster_state:ok");
        }
        if (ok) {
          return;
        }
      } catch (RuntimeException e) {
        last = e.toString();
      }
      RedisProcess.pause(50);
    }
    throw new IllegalStateException("The cluster did not get healthy in " + timeout + ": " + last);
  }

  /** {@code host:port,host:port,...} of every node, for {@code REDIS_CLUSTER_NODES}. */
  public String seeds() {
    return nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
  }

  /** Every node, masters and replicas, in creation order (masters first). */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** The nodes whose process runs. */
  private List<RedisServer> running() {
    List<RedisServer> up = new ArrayList<>();
    for (RedisServer node : nodes) {
      if (isUp(node)) {
        up.add(node);
      }
    }
    return up;
  }

  private static boolean isUp(RedisServer node) {
    try {
      node.command("PING");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The running node that is master of the slot {@code key} hashes to. */
  public RedisServer masterOf(String key) {
    RedisServer any = running().get(0);
    String slot = any.command("CLUSTER", "KEYSLOT", key).trim();
    for (RedisServer node : running()) {
      if (ownsSlot(node, Integer.parseInt(slot))) {
        return node;
      }
    }
    throw new IllegalStateException("No running master serves slot " + slot);
  }

  private static boolean ownsSlot(RedisServer node, int slot) {
    String myId = node.command("CLUSTER", "MYID").trim();
    for (String line : node.command("CLUSTER", "NODES").split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 9 || !fields[0].equals(myId)) {
        continue;
      }
      for (int i = 8; i < fields.length; i++) {
        String range = fields[i];
        if (range.startsWith("[")) {
          continue; // a slot being migrated
        }
        int dash = range.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
        if (slot >= from && slot <= to) {
          return true;
        }
      }
    }
    return false;
  }

  /** Stops every node by its process and deletes its files. */
  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }

  @Override
  public String toString() {
    return "Redis Cluster " + seeds();
  }
}
