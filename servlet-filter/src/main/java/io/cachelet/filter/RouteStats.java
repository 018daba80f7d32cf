package io.cachelet.filter;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the filter did on one route since it started, as told by the {@code X-Cache} and {@code
 * Cache-Status} headers it wrote.
 *
 * @param route the route's name
 * @param hits requests answered from a fresh entry (304s included)
 * @param staleHits requests answered from a stale entry
 * @param misses requests that went to the application after consulting the cache
 * @param bypasses requests that did not use the cache, or whose response was not stored
 * @param bypassReasons those bypasses by reason, the {@code detail} token of {@code Cache-Status}
 * @param errors requests that found the store unavailable
 * @param originTime the time the application took to answer the misses, in total
 */
public record RouteStats(
    String route,
    long hits,
    long staleHits,
    long misses,
    long bypasses,
    Map<String, Long> bypassReasons,
    long errors,
    Duration originTime) {

  public RouteStats {
    Objects.requireNonNull(route, "route");
    bypassReasons = Map.copyOf(bypassReasons);
    Objects.requireNonNull(originTime, "originTime");
  }

  /** Hits (stale ones included) over the requests that consulted the cache; 0 before any. */
  public double hitRatio() {
    long served = hits + staleHits;
    long lookups = served + misses;
    return lookups == 0 ? 0 : (double) served / lookups;
  }
}
