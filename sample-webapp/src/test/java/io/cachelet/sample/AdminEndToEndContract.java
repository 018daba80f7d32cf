package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin endpoints of the running sample, with and without credentials and with bad input. */
abstract class AdminEndToEndContract extends SampleEndToEndContract {

  @Test
  void adminEndpointsRefuseCallersWithoutCredentials() {
    HttpResponse<String> none = client.get("/admin/cache/stats");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> v.startsWith("Bearer"));
    assertThat(json(none).get("error").asText()).isNotBlank();

    assertThat(client.get("/admin/cache/stats", "Authorization", "Bearer wrong-token").statusCode())
        .isEqualTo(401);
    assertThat(
            client
                .send(
                    "POST",
                    "/admin/cache/routes/product/purge",
                    null,
                    SampleClient.basic("alice", "alice"))
                .statusCode())
        .isEqualTo(403);
    assertThat(client.get("/admin/cache/health", SampleClient.basic("admin", "admin")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void statsShowEveryRouteAndCacheWithTheirCounts() {
    client.get("/api/products/7");
    client.get("/api/products/7");

    JsonNode stats = json(admin("GET", "stats"));

    JsonNode product = stats.at("/routes/product");
    assertThat(product.get("hits").asLong()).isPositive();
    assertThat(product.get("misses").asLong()).isPositive();
    assertThat(product.get("hitRatio").asDouble()).isBetween(0.0, 1.0);
    assertThat(stats.at("/routes/recommendations").isObject()).isTrue();
    assertThat(stats.at("/caches/prices/misses").asLong()).isPositive();
    assertThat(stats.get("topUrls").toString()).contains("/api/products/7");
  }

  @Test
  void healthIsUpWithTheBackendNamed() {
    HttpResponse<String> health = admin("GET", "health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("UP");
    assertThat(json(health).get("backend").asText()).isIn("memory", "redis");
  }

  @Test
  void keysArePagedWithACursorUntilDone() {
    client.get("/api/products/8");
    client.get("/api/products/9");
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    for (int page = 0; page < 5000; page++) {
      JsonNode body = json(admin("GET", "keys?count=2&cursor=" + encode(cursor)));
      body.get("keys").forEach(k -> keys.add(k.asText()));
      cursor = body.get("cursor").asText();
      if (body.get("done").asBoolean()) {
        break;
      }
    }
    assertThat(keys).hasSizeGreaterThanOrEqualTo(2);
    assertThat(keys).allMatch(k -> k.startsWith(app.cachelet().config().keyPrefix() + ":"));
  }

  @Test
  void everyKeyCanBeInspectedEntriesBySizeIndexesByMembersAndOneDeleted() {
    client.get("/api/products/10");
    long failures = app.cachelet().store().failures();
    List<JsonNode> entries = new ArrayList<>();
    List<JsonNode> indexes = new ArrayList<>();
    // the entry and its URI and tag indexes are written just after the response: wait for them
    for (int i = 0; i < 50 && (entries.isEmpty() || indexes.size() < 2); i++) {
      entries.clear();
      indexes.clear();
      for (JsonNode key :
          json(admin("GET", "keys?count=1000&pattern=" + encode("http:*"))).get("keys")) {
        HttpResponse<String> answer = admin("GET", "keys/" + encode(key.asText()));
        if (answer.statusCode() == 404) {
          continue; // expired or purged by another test meanwhile
        }
        assertThat(answer.statusCode()).as(key.asText()).isEqualTo(200);
        JsonNode shown = json(answer);
        assertThat(shown.get("kind").asText()).isEqualTo("http");
        (shown.has("members") ? indexes : entries).add(shown);
      }
      if (entries.isEmpty() || indexes.size() < 2) {
        pause(100);
      }
    }

    assertThat(entries).isNotEmpty().allMatch(e -> e.get("sizeBytes").asLong() > 0);
    assertThat(indexes).hasSizeGreaterThanOrEqualTo(2).allMatch(e -> e.get("members").asLong() > 0);
    // an index is read as a set, never as a value: the store saw no error
    assertThat(app.cachelet().store().failures()).isEqualTo(failures);

    String key =
        entries.stream()
            .filter(e -> e.get("ttlMillis").asLong() > 0)
            .findFirst()
            .orElseThrow()
            .get("key")
            .asText();
    assertThat(json(admin("DELETE", "keys/" + encode(key))).get("deleted").asBoolean()).isTrue();
    assertThat(admin("GET", "keys/" + encode(key)).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputIsA400WithAJsonErrorNeverA500() {
    for (String[] call :
        new String[][] {
          {"GET", "keys?count=5000"},
          {"GET", "keys?count=-1"},
          {"GET", "keys?cursor=" + encode("not a cursor!")},
          {"GET", "keys?pattern=" + encode("[unclosed")},
          {"GET", "keys?pattern=" + encode("a\tb")},
          {"GET", "keys/" + encode("someone-else:key")},
          {"DELETE", "keys?pattern=*&glob=true"},
          {"DELETE", "keys"},
          {"POST", "routes/no-such-route/purge"},
          {"POST", "caches/no-such-cache/clear"},
          {"POST", "tags/" + encode("bad tag") + "/invalidate"},
          {"GET", "explain"},
          {"GET", "explain?url=" + encode("ftp://x/y")},
        }) {
      HttpResponse<String> response = admin(call[0], call[1]);
      assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(400);
      assertThat(json(response).get("error").asText()).as(call[1]).isNotBlank();
    }
    assertThat(admin("GET", "nothing-here").statusCode()).isEqualTo(404);
    assertThat(admin("PUT", "stats").statusCode()).isEqualTo(405);
  }

  @Test
  void aTagInvalidationARoutePurgeAndAPatternDeleteEachMakeTheNextRequestAMiss() {
    client.get("/api/products/11");
    awaitStored("/api/products/11");
    assertThat(xCache("/api/products/11")).isEqualTo("HIT");
    assertThat(json(admin("POST", "tags/product-11/invalidate")).get("invalidated").asLong())
        .isPositive();
    assertThat(xCache("/api/products/11")).isEqualTo("MISS");

    awaitStored("/api/products/11");
    assertThat(xCache("/api/products/11")).isEqualTo("HIT");
    assertThat(admin("POST", "routes/product/purge").statusCode()).isEqualTo(200);
    assertThat(xCache("/api/products/11")).isEqualTo("MISS");

    awaitStored("/api/products/11");
    assertThat(xCache("/api/products/11")).isEqualTo("HIT");
    JsonNode deleted = json(admin("DELETE", "keys?pattern=" + encode("http:product:")));
    assertThat(deleted.get("deleted").asLong()).isPositive();
    assertThat(xCache("/api/products/11")).isEqualTo("MISS");
  }

  @Test
  void aCacheCanBeClearedByName() {
    client.get("/api/products/12");

    JsonNode cleared = json(admin("POST", "caches/prices/clear"));

    assertThat(cleared.get("cache").asText()).isEqualTo("prices");
  }

  @Test
  void explainShowsTheRouteTheKeyPartsAndTheDecision() {
    JsonNode cached =
        json(admin("GET", "explain?url=" + encode("/api/products?page=2&category=tea&utm=ad")));
    assertThat(cached.at("/route/name").asText()).isEqualTo("products");
    assertThat(cached.at("/keyParts/query").toString()).isEqualTo("[\"category=tea\",\"page=2\"]");
    assertThat(cached.get("decision").asText()).startsWith("LOOKUP");

    JsonNode passed = json(admin("GET", "explain?url=" + encode("/metrics")));
    assertThat(passed.get("decision").asText()).startsWith("PASS");
  }

  /**
   * Waits until the entry of {@code path} is in the store. A miss's entry is written just after its
   * response, and answered from memory until then; an invalidation drops a write not yet made, so
   * it finds nothing to count until the write has landed.
   */
  void awaitStored(String path) {
    String hash = json(admin("GET", "explain?url=" + encode(path))).get("keyHash").asText();
    String pattern = encode("http:*:" + hash);
    for (int i = 0; i < 200; i++) {
      if (!json(admin("GET", "keys?count=1000&pattern=" + pattern)).get("keys").isEmpty()) {
        return;
      }
      pause(10);
    }
    throw new AssertionError("the entry of " + path + " was not stored within 2 s");
  }

  String xCache(String path) {
    return client.get(path).headers().firstValue("X-Cache").orElse("none");
  }
}
