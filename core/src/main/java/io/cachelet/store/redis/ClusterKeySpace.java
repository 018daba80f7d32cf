package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cachelet.store.ScanPage;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The key space of a cluster: SCAN runs on each primary in turn (a cluster-wide SCAN does not
 * exist, and scanning replicas too would return every key twice). What one primary's SCAN finds is
 * deleted through the cluster client, which splits the UNLINK by slot.
 *
 * <p>A scan cursor names the primary it stopped on and that primary's own cursor, {@code
 * host:port|cursor}; primaries are visited in address order, so a cursor stays meaningful across
 * calls. A failover while a scan is under way may skip or repeat the keys of the failed shard.
 */
final class ClusterKeySpace implements KeySpace {

  private static final char SEPARATOR = '|';

  private final RedisClusterClient cluster;

  ClusterKeySpace(RedisClusterClient cluster) {
    this.cluster = cluster;
  }

  /**
   * The nodes that are primaries right now, by address. A node that does not answer is left out:
   * its slots are either served by a promoted replica, which is listed, or by nobody, and then
   * nothing can reach those keys anyway.
   */
  private NavigableMap<String, ConnectionPool> primaries() {
    NavigableMap<String, ConnectionPool> primaries = new TreeMap<>();
    JedisConnectionException unreachable = null;
    for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
      try (Jedis jedis = new Jedis(node.getValue().getResource())) {
        List<Object> role = jedis.role();
        if (!role.isEmpty() && "master".equals(text(role.get(0)))) {
          primaries.put(node.getKey(), node.getValue());
        }
      } catch (JedisConnectionException e) {
        unreachable = e;
      }
    }
    if (primaries.isEmpty()) {
      throw unreachable != null
          ? unreachable
          : new JedisConnectionException("No node of the cluster is a primary");
    }
    return primaries;
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, UTF_8) : String.valueOf(reply);
  }

  /**
   * Each primary's keys, deleted through the cluster client, which splits UNLINK by slot. Each SCAN
   * borrows a connection of its own: a paced clear rests about half of the time, and a connection
   * held through the rests would be one fewer for the application.
   */
  @Override
  public long clear(byte[] pattern) {
    long deleted = 0;
    for (ConnectionPool primary : primaries().values()) {
      deleted +=
          KeySpace.scanAndUnlink(
              pattern,
              (cursor, params) -> {
                try (Jedis jedis = new Jedis(primary.getResource())) {
                  return jedis.scan(cursor, params);
                }
              },
              cluster::unlink,
              ClearPacing.system());
    }
    return deleted;
  }

  @Override
  public ScanPage scan(byte[] pattern, String cursor, int count) {
    NavigableMap<String, ConnectionPool> primaries = primaries();
    String node;
    String nodeCursor;
    if (ScanPage.START.equals(cursor)) {
      node = primaries.firstKey();
      nodeCursor = ScanPage.START;
    } else {
      int at = cursor.lastIndexOf(SEPARATOR);
      if (at <= 0 || !cursor.substring(at + 1).matches("\\d{1,20}")) {
        throw new IllegalArgumentException("Invalid scan cursor '" + cursor + "'");
      }
      node = cursor.substring(0, at);
      nodeCursor = cursor.substring(at + 1);
      if (!primaries.containsKey(node)) {
        // that primary failed over since the last page: go on with the next one
        node = primaries.higherKey(node);
        nodeCursor = ScanPage.START;
        if (node == null) {
          return new ScanPage(List.of(), ScanPage.START);
        }
      }
    }
    ScanParams params = new ScanParams().match(pattern).count(count);
    ScanResult<byte[]> page;
    try (Jedis jedis = new Jedis(primaries.get(node).getResource())) {
      page = jedis.scan(nodeCursor.getBytes(UTF_8), params);
    }
    List<String> keys = page.getResult().stream().map(k -> new String(k, UTF_8)).toList();
    String next = new String(page.getCursorAsBytes(), UTF_8);
    if (ScanPage.START.equals(next)) {
      String following = primaries.higherKey(node);
      return new ScanPage(
          keys, following == null ? ScanPage.START : following + SEPARATOR + ScanPage.START);
    }
    return new ScanPage(keys, node + SEPARATOR + next);
  }
}
