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
    // the first failures read as misses; once the breaker opens the filter bypasses the store
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> during = client.get("/api/products/1");
      assertThat(during.statusCode()).isEqualTo(200);
      assertThat(json(during).get("name").asText()).isNotBlank();
      assertThat(during.headers().firstValue("X-Cache").orElseThrow()).isIn("MISS", "BYPASS");
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
    // again; bounded: 15 s at most
    String seen = "none";
    for (int i = 0; i < 75 && !seen.equals("HIT"); i++) {
      seen = client.get("/api/products/1").headers().firstValue("X-Cache").orElse("none");
      if (!seen.equals("HIT")) {
        pause();
      }
    }
    assertThat(seen).isEqualTo("HIT");
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
