package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the README's tour promises when Redis is stopped under the running sample, and restarted.
 */
@RedisTest(ownServer = true)
class RedisOutageEndToEndTest extends SampleEndToEndBase {

  private RedisServer redis;

  @BeforeAll
  void startOnRedis(RedisServer server) throws StartupException {
    redis = server;
    start(Optional.of(server.url()), "sample-outage");
  }

  @Test
  void withRedisStoppedPagesAreStillServedAndHealthSaysDownThenItRecovers() {
    assertThat(client.get("/api/products/1").headers().firstValue("X-Cache")).contains("MISS");

    redis.stop();
    // a failed lookup and an open breaker alike are reported, never passed off as a miss
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> during = client.get("/api/products/1");
      assertThat(during.statusCode()).isEqualTo(200);
      assertThat(json(during).get("name").asText()).isNotBlank();
      assertThat(during.headers().firstValue("X-Cache")).contains("BYPASS");
      assertThat(during.headers().firstValue("Cache-Status").orElseThrow())
          .endsWith("detail=STORE-UNAVAILABLE");
    }
    HttpResponse<String> health =
        client.get("/admin/cache/health", "Authorization", "Bearer " + TOKEN);

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(json(health).get("status").asText()).isEqualTo("DOWN");

    redis.restart();
    HttpResponse<String> after =
        client.get("/admin/cache/health", "Authorization", "Bearer " + TOKEN);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(json(after).get("status").asText()).isIn("UP", "DEGRADED");

    // once the breaker's next probe succeeds (it waits breaker.open-duration, 1s) pages are cached
    // again
    awaitHit("/api/products/1");
  }

  @Test
  void withRedisStoppedAdminCallsOnTheStoreAre503NeverAnEmptySuccess() {
    assertThat(client.get("/api/products/2").statusCode()).isEqualTo(200);
    String key = app.cachelet().config().keyPrefix() + ":http:product:x";

    redis.stop();
    try {
      // an operator who deletes or invalidates while the store is away must not be told it worked
      String[][] calls = {
        {"GET", "keys"},
        {"GET", "keys/" + encode(key)},
        {"DELETE", "keys/" + encode(key)},
        {"DELETE", "keys?pattern=http:"},
        {"POST", "tags/product-2/invalidate"},
        {"POST", "routes/product/purge"},
        {"POST", "caches/prices/clear"},
      };
      for (String[] call : calls) {
        HttpResponse<String> answer = admin(call[0], call[1]);
        assertThat(answer.statusCode()).as("%s %s", call[0], call[1]).isEqualTo(503);
        assertThat(json(answer).get("error").asText())
            .as("%s %s", call[0], call[1])
            .contains("store");
      }
    } finally {
      redis.restart();
    }
    // the other test starts from a store that answers
    awaitHit("/api/products/2");
  }

  /** Asks for {@code path} until it is a hit: 15 s at most. */
  private void awaitHit(String path) {
    String seen = "none";
    for (int i = 0; i < 75 && !seen.equals("HIT"); i++) {
      seen = client.get(path).headers().firstValue("X-Cache").orElse("none");
      if (!seen.equals("HIT")) {
        pause(200);
      }
    }
    assertThat(seen).isEqualTo("HIT");
  }
}
