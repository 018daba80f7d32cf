package io.cachelet.bench.scale;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.RedisClient;

/**
 * A client of its own that sends GET after GET on one connection and keeps every latency: what any
 * application would see from Redis while something else runs.
 */
final class StallMonitor implements AutoCloseable {

  private final RedisClient redis;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private long[] latencies = new long[1 << 16];
  private int count;

  private StallMonitor(int port) {
    redis = RedisClient.builder().hostAndPort("127.0.0.1", port).build();
    redis.set("scale:stall-probe", "x");
    thread = new Thread(this::loop, "stall-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  static StallMonitor start(int port) {
    return new StallMonitor(port);
  }

  private void loop() {
    while (running.get()) {
      long start = System.nanoTime();
      redis.get("scale:stall-probe");
      long took = System.nanoTime() - start;
      synchronized (this) {
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = took;
      }
    }
  }

  void report(String name) throws InterruptedException {
    running.set(false);
    thread.join();
    long[] sorted;
    synchronized (this) {
      sorted = Arrays.copyOf(latencies, count);
    }
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "FIGURE %s.longest-stall = %.2f ms (target: a few ms; %d GETs, p50 %.3f ms, p99.9 %.2f ms)%n",
        name,
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        sorted.length,
        sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6,
        sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.999)] / 1e6);
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    redis.close();
  }
}
