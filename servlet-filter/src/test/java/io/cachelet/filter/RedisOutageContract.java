package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Redis is killed and restarted under load: 8 client threads for 10 seconds against cached routes,
 * with a Redis process of the test's own that is stopped after 3 seconds and started again after 6.
 * Every response must be a 200 with the application's body.
 */
@RedisTest(ownServer = true)
abstract class RedisOutageContract {

  private final RedisServer redis;

  RedisOutageContract(RedisServer redis) {
    this.redis = redis;
  }

  abstract TestContainer newContainer();

  @Test
  void killingRedisUnderLoadFailsNoResponseAndChangesNoBody() throws Exception {
    CacheletConfig config =
        CacheletConfig.builder()
            .redisUrl(redis.url())
            .keyPrefix("outage")
            .connectTimeout(Duration.ofMillis(200))
            .socketTimeout(Duration.ofMillis(200))
            .breakerOpenDuration(Duration.ofMillis(500))
            .build();
    RouteRules rules =
        RouteRules.builder()
            .route(
                "r", "/r/**", b -> b.ttl(Duration.ofSeconds(1)).staleGrace(Duration.ofSeconds(5)))
            .build();
    OriginServlet origin = new OriginServlet();
    Map<String, String> expected =
        Map.of(
            "/r/writer", OriginServlet.TEXT,
            "/r/plain", "plain /r/plain",
            "/r/length", "sized body");
    TestContainer container = newContainer();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (Cachelet cachelet = Cachelet.create(config)) {
      URI base = container.start(origin, new ResponseCacheFilter(rules, cachelet));
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      AtomicLong responses = new AtomicLong();
      Map<String, Long> xCache = new ConcurrentHashMap<>();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> load = new ArrayList<>();
      List<String> paths = List.copyOf(expected.keySet());
      for (int t = 0; t < 8; t++) {
        int offset = t;
        load.add(
            threads.submit(
                () -> {
                  for (int i = offset; System.nanoTime() < end; i++) {
                    String path = paths.get(i % paths.size());
                    try {
                      HttpResponse<byte[]> response =
                          client.send(
                              HttpRequest.newBuilder(URI.create(base + path))
                                  .timeout(Duration.ofSeconds(10))
                                  .build(),
                              HttpResponse.BodyHandlers.ofByteArray());
                      String body = new String(response.body(), StandardCharsets.UTF_8);
                      if (response.statusCode() != 200 || !body.equals(expected.get(path))) {
                        failures.add(path + " -> " + response.statusCode() + " " + body);
                      }
                      xCache.merge(
                          response
                              .headers()
                              .firstValue("Cache-Status")
                              .orElse("-")
                              .replaceAll("ttl=-?\\d+", "ttl=N"),
                          1L,
                          Long::sum);
                      responses.incrementAndGet();
                    } catch (Exception e) {
                      failures.add(path + " -> " + e);
                    }
                  }
                }));
      }
      Thread.sleep(3000);
      redis.stop();
      Thread.sleep(3000);
      redis.restart();
      for (Future<?> f : load) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(failures).isEmpty();
      assertThat(responses.get()).isGreaterThan(100);
      assertThat(xCache.keySet())
          .as(
              "hits before and after the outage, the store reported unavailable during it: %s",
              xCache)
          .anyMatch(status -> status.contains("hit"))
          .anyMatch(status -> status.contains("STORE-UNAVAILABLE"));
    } finally {
      threads.shutdownNow();
      container.stop();
    }
  }
}
