package io.cachelet.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The sample's endpoints, end to end over HTTP against a sample started in process; run once on the
 * embedded store and once on a real Redis.
 */
abstract class SampleEndToEndContract extends SampleEndToEndBase {

  @Test
  void listsTheCatalogueInPagesAndByCategory() {
    JsonNode all = json(client.get("/api/products"));
    assertThat(all.get("items")).hasSize(6);
    assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(18);

    JsonNode tea = json(client.get("/api/products?category=tea&page=1&size=4"));
    assertThat(tea.get("items")).hasSize(4);
    tea.get("items").forEach(p -> assertThat(p.get("category").asText()).isEqualTo("tea"));

    JsonNode secondPage = json(client.get("/api/products?category=tea&page=2&size=4"));
    assertThat(secondPage.get("items")).hasSize(2);
  }

  @Test
  void showsOneProductWithItsPrice() {
    HttpResponse<String> response = client.get("/api/products/13");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode product = json(response);
    assertThat(product.get("name").asText()).isEqualTo("Hand grinder");
    assertThat(product.at("/price/cents").asLong()).isEqualTo(4990 * 85 / 100);
  }

  @Test
  void badInputIsA400WithAJsonError() {
    for (String path :
        new String[] {
          "/api/products?page=0",
          "/api/products?page=abc",
          "/api/products?size=1000",
          "/api/products?category=Tea%20Pots",
          "/api/products/abc",
          "/api/products/-1"
        }) {
      HttpResponse<String> response = client.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(json(response).get("error").asText()).as(path).isNotBlank();
    }
    HttpResponse<String> badBody = client.send("POST", "/api/products", "{\"name\":");
    assertThat(badBody.statusCode()).isEqualTo(400);
    HttpResponse<String> badField =
        client.send(
            "POST", "/api/products", "{\"name\":\"x\",\"category\":\"tea\",\"basePriceCents\":0}");
    assertThat(badField.statusCode()).isEqualTo(400);
    assertThat(json(badField).get("error").asText()).contains("basePriceCents");
  }

  @Test
  void anUnknownProductIsA404() {
    assertThat(client.get("/api/products/999999").statusCode()).isEqualTo(404);
    assertThat(client.send("DELETE", "/api/products/999999", null).statusCode()).isEqualTo(404);
  }

  @Test
  void createsChangesAndDeletesAProductAndThePriceFollows() {
    HttpResponse<String> created =
        client.send(
            "POST",
            "/api/products",
            "{\"name\":\"Moka pot\",\"category\":\"kitchen\",\"basePriceCents\":3000}");
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(json(client.get(location)).at("/price/cents").asLong()).isEqualTo(2550);

    HttpResponse<String> changed =
        client.send(
            "PUT",
            location,
            "{\"name\":\"Moka pot\",\"category\":\"coffee\",\"basePriceCents\":3200}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(client.get(location)).at("/price/cents").asLong()).isEqualTo(3200);

    assertThat(client.send("DELETE", location, null).statusCode()).isEqualTo(204);
    assertThat(client.get(location).statusCode()).isEqualTo(404);
  }

  @Test
  void recommendationsNeedASignedInUser() {
    assertThat(client.get("/api/me/recommendations").statusCode()).isEqualTo(401);
    assertThat(
            client
                .get("/api/me/recommendations", SampleClient.basic("alice", "wrong"))
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void eachUserGetsTheirOwnRecommendationsEvenRightAfterAnotherUser() {
    for (int round = 0; round < 2; round++) {
      JsonNode alice =
          json(client.get("/api/me/recommendations", SampleClient.basic("alice", "alice")));
      JsonNode bob = json(client.get("/api/me/recommendations", SampleClient.basic("bob", "bob")));

      assertThat(alice.get("user").asText()).isEqualTo("alice");
      alice.get("items").forEach(p -> assertThat(p.get("category").asText()).isEqualTo("coffee"));
      assertThat(bob.get("user").asText()).isEqualTo("bob");
      bob.get("items").forEach(p -> assertThat(p.get("category").asText()).isEqualTo("tea"));
    }
  }

  @Test
  void theFilterAnswersTheSecondRequestFromTheCacheWithAnAge() {
    HttpResponse<String> first = client.get("/api/products/5");
    HttpResponse<String> second = client.get("/api/products/5");

    assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(second.headers().firstValue("Age")).isPresent();
    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void aWriteEvictsTheCachedPagesOfItsRoute() {
    client.get("/api/products/6");
    assertThat(client.get("/api/products/6").headers().firstValue("X-Cache")).contains("HIT");

    HttpResponse<String> put =
        client.send(
            "PUT",
            "/api/products/6",
            "{\"name\":\"Kenya AA beans, 250 g\",\"category\":\"coffee\",\"basePriceCents\":1590}");
    assertThat(put.statusCode()).isEqualTo(200);

    HttpResponse<String> after = client.get("/api/products/6");
    assertThat(after.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(json(after).at("/price/cents").asLong()).isEqualTo(1590);
  }

  @Test
  void theShelvesComeFromTheWovenPlainClassAndItsCache() {
    JsonNode categories = json(client.get("/api/categories"));

    assertThat(categories.get("categories").toString()).contains("coffee", "kitchen", "tea");
    assertThat(app.cachelet().caches()).anyMatch(c -> c.name().equals("categories"));
    assertThat(app.cachelet().cache("categories").stats().loads()).isEqualTo(1);
  }

  @Test
  void aSignedInUserIsServedTheirOwnCachedPageAndNeverAnotherUsers() {
    String[] alice = SampleClient.basic("alice", "alice");
    HttpResponse<String> first = client.get("/api/me/recommendations?x=isolation", alice);
    HttpResponse<String> again = client.get("/api/me/recommendations?x=isolation", alice);
    HttpResponse<String> bob =
        client.get("/api/me/recommendations?x=isolation", SampleClient.basic("bob", "bob"));

    assertThat(again.headers().firstValue("X-Cache")).contains("HIT");
    assertThat(json(again).get("user").asText()).isEqualTo("alice");
    assertThat(bob.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(json(bob).get("user").asText()).isEqualTo("bob");
    assertThat(first.body()).isNotEqualTo(bob.body());
  }

  @Test
  void publishesCacheMetricsInThePrometheusFormat() {
    client.get("/api/products/2");
    client.get("/api/products/2");

    HttpResponse<String> metrics = client.get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("cachelet_gets_total{cache=\"prices\",result=\"hit\"}")
        .contains("cachelet_store_latency_seconds_count{")
        .contains("cachelet_store_breaker_state{")
        .contains("cachelet_store_memory_max_bytes{")
        .containsPattern("cachelet_http_requests_total\\{result=\"hit\",route=\"product\"} [1-9]")
        .contains("cachelet_http_origin_duration_seconds_count{route=\"product\"}");
  }
}
