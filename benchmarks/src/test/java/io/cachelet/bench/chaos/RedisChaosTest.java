package io.cachelet.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.filter.ResponseCacheFilter;
import io.cachelet.filter.RouteRules;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import jakarta.servlet.DispatcherType;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/**
 * The filter on Jetty under a steady load of 8 clients while a driver kills, restarts, freezes,
 * resumes and flushes the Redis process and makes it refuse writes (out of memory): about 40
 * seconds, loopback only. Every response must be a 200 with the origin's body, no copy older than
 * its TTL plus grace, hits again within 5 seconds of every restart, no pooled connection leaked and
 * no thread left behind. The figures per phase are printed.
 */
@RedisTest(ownServer = true)
class RedisChaosTest {

  private static final int CLIENTS = 8;
  private static final int ITEMS = 20;
  private static final int POOL_MAX = 16;
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration RECOVERY = Duration.ofSeconds(5);

  /** Slack for the time between the origin rendering a body and the client reading it. */
  private static final Duration SLACK = Duration.ofSeconds(1);

  private static final Pattern RENDERED = Pattern.compile(",\"renderedAt\":(\\d+)}$");

  private final RedisServer redis;
  private final Clock clock = Clock.systemUTC();
  private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private volatile String phase = "warm-up";

  RedisChaosTest(RedisServer redis) {
    this.redis = redis;
  }

  /** One response as a client saw it. */
  record Sample(String phase, long startMillis, long latencyNanos, boolean hit) {}

  @Test
  void everyResponseStaysCorrectWhileRedisIsKilledFrozenFlushedAndFull() throws Exception {
    CacheletConfig config =
        CacheletConfig.builder().redisUrl(redis.url()).keyPrefix("chaos").poolMax(POOL_MAX).build();
    RouteRules rules =
        RouteRules.builder().route("item", "/item/*", r -> r.ttl(TTL).staleGrace(GRACE)).build();
    ChaosOrigin origin = new ChaosOrigin(clock);
    Server server = new Server(new QueuedThreadPool(32, 32));
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    ExecutorService io = Executors.newFixedThreadPool(2);
    AtomicBoolean running = new AtomicBoolean(true);
    try (Cachelet cachelet = Cachelet.create(config)) {
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler app = new ServletContextHandler("/");
      app.addServlet(new ServletHolder(origin), "/*");
      app.addFilter(
          new FilterHolder(new ResponseCacheFilter(rules, cachelet)),
          "/*",
          EnumSet.of(DispatcherType.REQUEST));
      server.setHandler(app);
      server.start();
      String base = "http://127.0.0.1:" + connector.getLocalPort();
      HttpClient client =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();

      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        load.add(clients.submit(() -> clientLoop(client, base, running)));
      }

      Map<String, Long> recoveries = new LinkedHashMap<>();
      phase("warm-up", 4);
      int threadsAfterWarmUp = ManagementFactory.getThreadMXBean().getThreadCount();

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
      for (Future<?> f : load) {
        f.get(30, TimeUnit.SECONDS);
      }
      int threadsAtEnd = ManagementFactory.getThreadMXBean().getThreadCount();
      long connections = cacheletConnections();

      report(recoveries, threadsAfterWarmUp, threadsAtEnd, connections, origin.calls());

      assertThat(failures).as("failed or wrong responses").isEmpty();
      assertThat(recoveries)
          .as("time from each restart to the first hit, in ms")
          .allSatisfy((event, millis) -> assertThat(millis).isBetween(0L, RECOVERY.toMillis()));
      assertThat(connections)
          .as("Cachelet's connections in CLIENT LIST, against the pool size %d", POOL_MAX)
          .isBetween(1L, (long) POOL_MAX);
      // a restart of redis-server leaves the JDK's process reaper thread behind for a while
      assertThat(threadsAtEnd).as("live threads").isLessThanOrEqualTo(threadsAfterWarmUp + 2);
    } finally {
      running.set(false);
      clients.shutdownNow();
      server.stop();
      io.shutdownNow();
    }
  }

  private void clientLoop(HttpClient client, String base, AtomicBoolean running) {
    long maxAge = TTL.plus(GRACE).plus(SLACK).toMillis();
    while (running.get()) {
      String item = "i" + ThreadLocalRandom.current().nextInt(ITEMS);
      String current = phase;
      long startMillis = clock.millis();
      long start = System.nanoTime();
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/item/" + item))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long latency = System.nanoTime() - start;
        String body = response.body();
        Matcher rendered = RENDERED.matcher(body);
        if (response.statusCode() != 200) {
          failures.add(current + ": status " + response.statusCode() + " for " + item);
        } else if (!body.startsWith(ChaosOrigin.content(item)) || !rendered.find()) {
          failures.add(current + ": a body that is not the origin's for " + item + ": " + body);
        } else if (startMillis - Long.parseLong(rendered.group(1)) > maxAge) {
          failures.add(
              current
                  + ": a copy of "
                  + item
                  + " rendered "
                  + (startMillis - Long.parseLong(rendered.group(1)))
                  + " ms before the request, past TTL + grace");
        }
        boolean hit =
            response.headers().firstValue("X-Cache").map(x -> x.equals("HIT")).orElse(false);
        samples.add(new Sample(current, startMillis, latency, hit));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failures.add(current + ": " + e);
      }
    }
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

  private long cacheletConnections() {
    return redis.command("CLIENT", "LIST").lines().filter(l -> l.contains("name=cachelet")).count();
  }

  private void report(
      Map<String, Long> recoveries,
      int threadsBefore,
      int threadsAfter,
      long connections,
      long calls) {
    Map<String, List<Sample>> byPhase = new LinkedHashMap<>();
    synchronized (samples) {
      for (Sample s : samples) {
        byPhase.computeIfAbsent(s.phase(), p -> new ArrayList<>()).add(s);
      }
    }
    StringBuilder out = new StringBuilder("\nChaos figures\n");
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
            "recovery to hits (ms): %s; failures %d; origin calls %d; Cachelet connections %d"
                + " (pool %d); threads %d -> %d%n",
            recoveries,
            failures.size(),
            calls,
            connections,
            POOL_MAX,
            threadsBefore,
            threadsAfter));
    System.out.print(out);
  }
}
