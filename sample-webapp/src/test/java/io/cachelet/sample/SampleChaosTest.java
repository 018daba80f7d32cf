package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample on Redis under a steady load of 8 clients reading product pages while a driver kills,
 * restarts, freezes, resumes and flushes the Redis process and makes it refuse writes (out of
 * memory): about 40 seconds, loopback only. The product route runs with a 1 s TTL and a 2 s stale
 * grace (the sample's file says a minute and none) so that entries expire, go stale and are written
 * again many times over. Every response must be a 200 with the body the origin gave for that
 * product, no copy older than its TTL plus grace by its {@code Age}, hits again within 5 seconds of
 * every restart, no pooled connection leaked and no thread left behind. The figures per phase are
 * printed.
 */
@RedisTest(ownServer = true)
class SampleChaosTest extends SampleEndToEndBase {

  private static final int CLIENTS = 8;
  private static final int POOL_MAX = 16;
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration RECOVERY = Duration.ofSeconds(5);

  /** {@code Age} is whole seconds, rounded down, counted from when the entry was stored. */
  private static final Duration SLACK = Duration.ofSeconds(1);

  /** The sample's product route with a short TTL and a stale grace. */
  private static final String ROUTES =
      "product /api/products/* ttl="
          + TTL.toMillis()
          + "ms stale="
          + GRACE.toMillis()
          + "ms vary=Accept-Language tags=products evict-tags=products";

  private final Clock clock = Clock.systemUTC();
  private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> origin = new HashMap<>();
  private volatile String phase = "warm-up";
  private RedisServer redis;

  /** One response as a client saw it. */
  record Sample(String phase, long startMillis, long latencyNanos, boolean hit) {}

  @BeforeAll
  void startOnRedis(RedisServer server) throws StartupException {
    redis = server;
    CacheletConfig config =
        CacheletConfig.builder()
            .redisUrl(server.url())
            .keyPrefix("sample-chaos")
            .poolMax(POOL_MAX)
            .build();
    start(settings(config).withRoutes(ROUTES));
  }

  @Test
  void everyPageStaysCorrectWhileRedisIsKilledFrozenFlushedAndFull() throws Exception {
    // the listing is not cached with these routes: the catalogue as the database holds it
    int products = json(client.get("/api/products?size=50")).get("total").asInt();
    for (int id = 1; id <= products; id++) {
      HttpResponse<String> first = client.get("/api/products/" + id);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
      origin.put("/api/products/" + id, first.body());
    }
    List<String> paths = List.copyOf(origin.keySet());

    long started = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    ExecutorService io = Executors.newFixedThreadPool(2);
    SampleClient load = new SampleClient(app.uri(), io);
    AtomicBoolean running = new AtomicBoolean(true);
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        loops.add(clients.submit(() -> clientLoop(load, paths, running)));
      }

      Map<String, Long> recoveries = new LinkedHashMap<>();
      phase("warm-up", 4);
      Threads threadsAfterWarmUp = Threads.live();

      for (int round = 1; round <= 2; round++) {
        phase = "killed-" + round;
        redis.stop();
        sleep(3);
        redis.restart();
        long restarted = clock.millis();
        phase("after-restart-" + round, 5);
        recoveries.put("restart-" + round, firstHitAfter(restarted));
      }

      phase = "frozen";
      redis.freeze();
      sleep(3);
      redis.resume();
      long resumed = clock.millis();
      phase("after-resume", 5);
      recoveries.put("resume", firstHitAfter(resumed));

      redis.flushAll();
      long flushed = clock.millis();
      phase("flushed", 3);
      recoveries.put("flush", firstHitAfter(flushed));

      // writes now fail with OOM; reads still answer
      redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
      redis.command("CONFIG", "SET", "maxmemory", "1");
      phase("out-of-memory", 4);
      redis.command("CONFIG", "SET", "maxmemory", "0");
      long writable = clock.millis();
      phase("writable-again", 4);
      recoveries.put("oom", firstHitAfter(writable));

      running.set(false);
      for (Future<?> f : loops) {
        f.get(30, TimeUnit.SECONDS);
      }
      Threads threadsAtEnd = Threads.live();
      long connections = cacheletConnections();
      Duration wall = Duration.ofNanos(System.nanoTime() - started);

      report(recoveries, threadsAfterWarmUp, threadsAtEnd, connections, wall);

      assertThat(failures.size())
          .as("failed or wrong responses, the first: %s", failures.stream().limit(5).toList())
          .isZero();
      assertThat(recoveries)
          .as("time from each restart to the first hit, in ms")
          .allSatisfy((event, millis) -> assertThat(millis).isBetween(0L, RECOVERY.toMillis()));
      assertThat(connections)
          .as("Cachelet's connections in CLIENT LIST, against the pool size %d", POOL_MAX)
          .isBetween(1L, (long) POOL_MAX);
      // a restart of redis-server leaves the JDK's process reaper thread behind for a while
      assertThat(threadsAtEnd.other())
          .as("live threads outside the server's request pool")
          .isLessThanOrEqualTo(threadsAfterWarmUp.other() + 2);
      // the request pool is elastic (4 to 64 threads): it follows the requests in flight, which
      // the clients bound, and may start a few more threads than they keep busy
      assertThat(threadsAtEnd.server())
          .as("live threads in the server's request pool")
          .isLessThanOrEqualTo(3 * CLIENTS);
    } finally {
      running.set(false);
      clients.shutdownNow();
      io.shutdownNow();
    }
  }

  private void clientLoop(SampleClient load, List<String> paths, AtomicBoolean running) {
    long maxAge = TTL.plus(GRACE).plus(SLACK).toSeconds();
    while (running.get()) {
      String path = paths.get(ThreadLocalRandom.current().nextInt(paths.size()));
      String current = phase;
      long startMillis = clock.millis();
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = load.get(path);
        long latency = System.nanoTime() - start;
        long age = response.headers().firstValueAsLong("Age").orElse(0);
        if (response.statusCode() != 200) {
          failures.add(current + ": status " + response.statusCode() + " for " + path);
        } else if (!response.body().equals(origin.get(path))) {
          failures.add(
              current + ": a body that is not the origin's for " + path + ": " + body(response));
        } else if (age > maxAge) {
          failures.add(current + ": a copy of " + path + " " + age + " s old, past TTL + grace");
        }
        boolean hit =
            response.headers().firstValue("X-Cache").map(x -> x.equals("HIT")).orElse(false);
        samples.add(new Sample(current, startMillis, latency, hit));
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        failures.add(current + ": " + e);
      }
    }
  }

  private static String body(HttpResponse<String> response) {
    String body = response.body();
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  private void phase(String name, int seconds) throws InterruptedException {
    phase = name;
    sleep(seconds);
  }

  private static void sleep(int seconds) throws InterruptedException {
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
  }

  /** Milliseconds from {@code since} to the first hit of a request started after it, or -1. */
  private long firstHitAfter(long since) {
    synchronized (samples) {
      return samples.stream()
          .filter(s -> s.hit() && s.startMillis() >= since)
          .mapToLong(s -> s.startMillis() - since)
          .min()
          .orElse(-1);
    }
  }

  /** Live threads: the server's request pool ({@code sample-http-*}) and all the others. */
  record Threads(int server, int other) {

    static Threads live() {
      Set<Thread> threads = Thread.getAllStackTraces().keySet();
      int server =
          (int) threads.stream().filter(t -> t.getName().startsWith("sample-http")).count();
      return new Threads(server, threads.size() - server);
    }

    @Override
    public String toString() {
      return (server + other) + " (" + server + " serving requests)";
    }
  }

  private long cacheletConnections() {
    return redis.command("CLIENT", "LIST").lines().filter(l -> l.contains("name=cachelet")).count();
  }

  private void report(
      Map<String, Long> recoveries,
      Threads threadsBefore,
      Threads threadsAfter,
      long connections,
      Duration wall) {
    Map<String, List<Sample>> byPhase = new LinkedHashMap<>();
    synchronized (samples) {
      for (Sample s : samples) {
        byPhase.computeIfAbsent(s.phase(), p -> new ArrayList<>()).add(s);
      }
    }
    StringBuilder out = new StringBuilder("\nChaos figures (the sample on Redis)\n");
    out.append(
        String.format(
            Locale.ROOT, "%-16s %9s %9s %14s%n", "phase", "requests", "hit ratio", "worst ms"));
    byPhase.forEach(
        (phase, list) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%-16s %9d %9.2f %14.1f%n",
                    phase,
                    list.size(),
                    list.stream().filter(Sample::hit).count() / (double) list.size(),
                    list.stream().mapToLong(Sample::latencyNanos).max().orElse(0) / 1e6)));
    out.append(
        String.format(
            Locale.ROOT,
            "requests %d; recovery to hits (ms): %s; failures %d; Cachelet connections %d"
                + " (pool %d); threads %s -> %s; load for %.1f s%n",
            samples.size(),
            recoveries,
            failures.size(),
            connections,
            POOL_MAX,
            threadsBefore,
            threadsAfter,
            wall.toMillis() / 1e3));
    System.out.print(out);
  }
}
