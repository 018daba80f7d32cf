package io.cachelet.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteCountersTest {

  private final RouteCounters counters = new RouteCounters();

  @Test
  void countsEachOutcomeOfARouteFromTheHeadersTheFilterWrote() {
    counters.record(
        "p", "/p/1", "MISS", () -> "Cachelet; fwd=miss; fwd-status=200; stored", 5_000_000);
    counters.record("p", "/p/1", "HIT", () -> "Cachelet; hit; ttl=59", 100_000);
    counters.record("p", "/p/1", "STALE", () -> "Cachelet; hit; ttl=0", 100_000);
    counters.record("p", "/p/2", "BYPASS", () -> "Cachelet; fwd=bypass; detail=AUTHORIZATION", 1);
    counters.record(
        "p", "/p/2", "BYPASS", () -> "Cachelet; fwd=bypass; detail=STORE-UNAVAILABLE", 1);

    RouteStats stats = counters.snapshot().get("p");

    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.staleHits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.bypasses()).isEqualTo(2);
    assertThat(stats.bypassReasons())
        .containsEntry("AUTHORIZATION", 1L)
        .containsEntry("STORE-UNAVAILABLE", 1L);
    assertThat(stats.errors()).isEqualTo(1);
    assertThat(stats.originTime().toMillis()).isEqualTo(5);
    assertThat(stats.hitRatio()).isEqualTo(2.0 / 3);
  }

  @Test
  void ignoresResponsesWithoutADiagnosticHeaderAsInShadowMode() {
    counters.record("p", "/p/1", null, () -> null, 1);

    assertThat(counters.snapshot()).isEmpty();
    assertThat(counters.top(10)).isEmpty();
  }

  @Test
  void listsTheMostRequestedUrlsFirst() {
    counters.record("p", "/p/1", "MISS", () -> null, 1);
    counters.record("p", "/p/2", "MISS", () -> null, 1);
    counters.record("p", "/p/2", "HIT", () -> null, 1);

    assertThat(counters.top(1)).containsExactly(new RouteCounters.UrlCount("p", "/p/2", 2, 1));
  }

  @Test
  void stopsCountingNewUrlsAtTheBound() {
    for (int i = 0; i < RouteCounters.MAX_URLS + 10; i++) {
      counters.record("p", "/p/" + i, "MISS", () -> null, 1);
    }

    assertThat(counters.top(Integer.MAX_VALUE)).hasSize(RouteCounters.MAX_URLS);
    assertThat(counters.snapshot().get("p").misses()).isEqualTo(RouteCounters.MAX_URLS + 10);
  }
}
