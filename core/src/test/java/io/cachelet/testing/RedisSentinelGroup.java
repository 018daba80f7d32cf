package io.cachelet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A master, one replica and one sentinel watching them, as server processes of the test's own on
 * free loopback ports. The sentinel declares the master down after one second of silence and
 * promotes the replica. Start one per test class, or one per test that breaks it.
 */
public final class RedisSentinelGroup implements AutoCloseable {

  /** The name the sentinel knows the master by. */
  public static final String MASTER_NAME = "cachelet-test";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final RedisServer first;
  private final RedisServer second;
  private final RedisServer sentinel;
  private final Path dir;

  private RedisSentinelGroup(
      RedisServer first, RedisServer second, RedisServer sentinel, Path dir) {
    this.first = first;
    this.second = second;
    this.sentinel = sentinel;
    this.dir = dir;
  }

  /**
   * Starts the group and waits until the sentinel knows both the master and its replica. Aborts the
   * test (fails it with {@code CI=true}) when {@code redis-server} is not on the PATH.
   */
  public static RedisSentinelGroup start() {
    RedisServer master = RedisProcess.startOnPath(List.of());
    RedisServer replica = null;
    RedisServer watcher = null;
    Path dir = null;
    try {
      replica =
          RedisProcess.startOnPath(
              List.of("--replicaof", master.host(), Integer.toString(master.port())));
      dir = Files.createTempDirectory("cachelet-sentinel-");
      Path config = dir.resolve("sentinel.conf");
      // the sentinel rewrites its configuration file, so it must be one of its own
      Files.writeString(
          config,
          String.join(
              "\n",
              "sentinel monitor " + MASTER_NAME + " " + master.host() + " " + master.port() + " 1",
              "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
              "sentinel failover-timeout " + MASTER_NAME + " 3000",
              ""));
      watcher = RedisProcess.startSentinel(config);
      RedisSentinelGroup group = new RedisSentinelGroup(master, replica, watcher, dir);
      group.awaitReady();
      return group;
    } catch (IOException e) {
      close(master, replica, watcher, dir);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close(master, replica, watcher, dir);
      throw e;
    }
  }

  /** Replication is up and the sentinel has discovered the replica, so it could promote it. */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = second.command("INFO", "replication");
        if (last.contains("master_link_status:up")) {
          last = sentinel.command("SENTINEL", "REPLICAS", MASTER_NAME);
          if (last.contains(Integer.toString(second.port()))) {
            return;
          }
        }
      } catch (RuntimeException e) {
        last = e.toString();
      }
      RedisProcess.pause(50);
    }
    throw new IllegalStateException("The sentinel group did not get ready: " + last);
  }

  /** {@code host:port} of the sentinel, for {@code REDIS_SENTINELS}. */
  public String sentinels() {
    return sentinel.host() + ":" + sentinel.port();
  }

  /** The server the sentinel names as master right now. */
  public RedisServer master() {
    String reply = sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
    String[] hostAndPort = reply.trim().split("\n");
    int port = Integer.parseInt(hostAndPort[hostAndPort.length - 1].trim());
    if (port == first.port()) {
      return first;
    }
    if (port == second.port()) {
      return second;
    }
    throw new IllegalStateException("The sentinel names an unknown master: " + reply);
  }

  private static void close(
      RedisServer master, RedisServer replica, RedisServer watcher, Path dir) {
    for (RedisServer server : new RedisServer[] {watcher, replica, master}) {
      if (server != null) {
        server.close();
      }
    }
    if (dir != null) {
      try {
        Files.deleteIfExists(dir.resolve("sentinel.conf"));
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  /** Stops the sentinel and both servers by their processes. */
  @Override
  public void close() {
    close(first, second, sentinel, dir);
  }

  @Override
  public String toString() {
    return "Redis sentinel group " + MASTER_NAME + " watched by " + sentinels();
  }
}
