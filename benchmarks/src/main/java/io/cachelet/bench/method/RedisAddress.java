package io.cachelet.bench.method;

/**
 * Where the benchmarks' Redis server is: {@code -Dbench.redis.host}, {@code -Dbench.redis.port}.
 */
final class RedisAddress {

  private RedisAddress() {}

  static String host() {
    return System.getProperty("bench.redis.host", "127.0.0.1");
  }

  static int port() {
    String port = System.getProperty("bench.redis.port");
    if (port == null) {
      throw new IllegalStateException(
          "set -Dbench.redis.port to the port of a redis-server started for the benchmarks");
    }
    return Integer.parseInt(port);
  }
}
