package io.cachelet.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachelet.testing.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What the sample WAR does on any server, checked over HTTP only. A subclass per server deploys the
 * WAR once, with the Redis URL this class starts a server for, and says where it answers. Every
 * test reads its own product, so the tests don't depend on each other's cache entries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RedisServer redis;
  private ServerProcess server;

  @RegisterExtension
  final TestWatcher printsTheServerLogOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (server != null) {
            System.out.println(server.log());
          }
        }
      };

  /**
   * Deploys the sample WAR, its Redis settings pointing at {@code redisUrl}, and starts the server.
   */
  abstract ServerProcess start(String redisUrl) throws Exception;

  /**
   * Where the deployed sample answers: {@code http://127.0.0.1:port/context}, no trailing slash.
   */
  abstract URI base();

  @BeforeAll
  final void startTheServer() throws Exception {
    redis = RedisServer.start(List.of());
    server = start(redis.url());
    System.out.println(server + " started in " + server.startTime().toMillis() + " ms");
  }

  @AfterAll
  final void stopTheServer() {
    if (server != null) {
      server.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void theSecondReadIsAHitWithTheSameBytesAndAnAge() throws Exception {
    HttpResponse<byte[]> first = get("/api/products/1");
    HttpResponse<byte[]> second = get("/api/products/1");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("Age")).isPresent();
  }

  @Test
  void aCachedPageAnswersItsETagWithNotModified() throws Exception {
    get("/api/products/2");
    String etag = get("/api/products/2").headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> revalidated = get("/api/products/2", "If-None-Match", etag);

    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
  }

  @Test
  void eachUserSignedInByTheServerGetsTheirOwnCopy() throws Exception {
    HttpResponse<byte[]> anonymous = get("/api/me/recommendations");
    HttpResponse<byte[]> alice = get("/api/me/recommendations", basic("alice"));
    HttpResponse<byte[]> again = get("/api/me/recommendations", basic("alice"));
    HttpResponse<byte[]> bob = get("/api/me/recommendations", basic("bob"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(alice.statusCode()).isEqualTo(200);
    assertThat(json(alice).get("user").asText()).isEqualTo("alice");
    assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(again.body()).isEqualTo(alice.body());
    assertThat(bob.statusCode()).isEqualTo(200);
    assertThat(json(bob).get("user").asText()).isEqualTo("bob");
    assertThat(bob.body()).isNotEqualTo(alice.body());
  }

  @Test
  void aWriteEvictsTheCachedPage() throws Exception {
    get("/api/products/3");
    assertThat(get("/api/products/3").headers().firstValue("X-Cache")).contains("HIT");

    HttpResponse<byte[]> put =
        send(
            "PUT",
            "/api/products/3",
            "{\"name\":\"Kenya AA beans, 250 g\",\"category\":\"coffee\",\"basePriceCents\":1590}");
    HttpResponse<byte[]> after = get("/api/products/3");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(json(after).toString()).contains("Kenya AA beans");
  }

  @Test
  void theServersCdiRunsTheCacheableServiceAndTheAdminStatsShowItsHits() throws Exception {
    long before = priceHits();
    // a response-cache miss each (one page per language), so the service is asked twice
    get("/api/products/4", "Accept-Language", "en");
    get("/api/products/4", "Accept-Language", "de");

    assertThat(priceHits()).isGreaterThan(before);
  }

  @Test
  void theAdminEndpointsAskForTheContainerRole() throws Exception {
    HttpResponse<byte[]> anonymous = get("/admin/cache/stats");
    HttpResponse<byte[]> customer = get("/admin/cache/stats", basic("alice"));
    HttpResponse<byte[]> admin = get("/admin/cache/stats", basic("admin"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(customer.statusCode()).isEqualTo(403);
    assertThat(admin.statusCode()).isEqualTo(200);
  }

  @Test
  void aCrossSiteFormPostWithTheOperatorsBasicCredentialsIsRefused() throws Exception {
    HttpResponse<byte[]> forged =
        purgeAsAdmin(
            "Origin",
            "https://evil.example",
            "Sec-Fetch-Site",
            "cross-site",
            "Content-Type",
            "application/x-www-form-urlencoded");
    HttpResponse<byte[]> deliberate = purgeAsAdmin("X-Cachelet-Admin", "1");

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(new String(forged.body(), StandardCharsets.UTF_8)).contains("cross-site");
    assertThat(deliberate.statusCode()).isEqualTo(200);
  }

  /** Purges the product route with the admin's Basic credentials and {@code headers}. */
  private HttpResponse<byte[]> purgeAsAdmin(String... headers) throws Exception {
    String[] all =
        Stream.concat(Stream.of(basic("admin")), Stream.of(headers)).toArray(String[]::new);
    return send("POST", "/admin/cache/routes/product/purge", null, all);
  }

  @Test
  void publishesTheCacheMetrics() throws Exception {
    get("/api/products/5", "Accept-Language", "en");
    get("/api/products/5", "Accept-Language", "fr");

    HttpResponse<byte[]> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(new String(metrics.body(), StandardCharsets.UTF_8))
        .contains("cachelet_gets_total{cache=\"prices\",result=\"hit\"}");
  }

  @Test
  void redisKilledAndRestartedUnderLoadFailsNoRequest() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(2);
    List<Future<List<Integer>>> clients = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      int product = 6 + c;
      clients.add(load.submit(() -> statuses(running, "/api/products/" + product)));
    }
    try {
      Thread.sleep(1_000);
      redis.stop();
      Thread.sleep(2_000);
      redis.restart();
      Thread.sleep(2_000);
    } finally {
      running.set(false);
      load.shutdown();
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<List<Integer>> client : clients) {
      statuses.addAll(client.get());
    }

    assertThat(statuses).isNotEmpty().allMatch(status -> status == 200);
  }

  /** Reads {@code path} until told to stop (at most 2,000 times), and returns every status. */
  private List<Integer> statuses(AtomicBoolean running, String path) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    while (running.get() && statuses.size() < 2_000) {
      statuses.add(get(path).statusCode());
    }
    return statuses;
  }

  private long priceHits() throws Exception {
    HttpResponse<byte[]> stats = get("/admin/cache/stats", basic("admin"));
    assertThat(stats.statusCode()).isEqualTo(200);
    JsonNode prices = json(stats).path("caches").path("prices");
    return prices.path("hits").asLong(0);
  }

  /** HTTP Basic for a demo user, whose password is its name. */
  private static String[] basic(String user) {
    String token =
        Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    return new String[] {"Authorization", "Basic " + token};
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  private HttpResponse<byte[]> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    return JSON.readTree(Optional.ofNullable(response.body()).orElse(new byte[0]));
  }
}
