package io.cachelet.filter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Live per-route counters, and the most requested URLs of the cached routes, read from the
 * diagnostic headers the filter wrote on each response. Bounded: at most {@value #MAX_URLS} URLs
 * are counted; later ones are not. Thread-safe.
 */
final class RouteCounters {

  static final int MAX_URLS = 1000;

  /** One URL's request count on its route. */
  record UrlCount(String route, String url, long requests, long hits) {}

  private static final class Counters {
    final LongAdder hits = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder bypasses = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder originNanos = new LongAdder();
    final ConcurrentMap<String, LongAdder> reasons = new ConcurrentHashMap<>();

    RouteStats snapshot(String route) {
      Map<String, Long> counted = new TreeMap<>();
      reasons.forEach((reason, count) -> counted.put(reason, count.sum()));
      return new RouteStats(
          route,
          hits.sum(),
          stale.sum(),
          misses.sum(),
          bypasses.sum(),
          counted,
          errors.sum(),
          Duration.ofNanos(originNanos.sum()));
    }
  }

  private static final class UrlCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder hits = new LongAdder();
  }

  private final ConcurrentMap<String, Counters> byRoute = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, UrlCounters> byUrl = new ConcurrentHashMap<>();

  /**
   * Counts one response of {@code route}.
   *
   * @param xCache the {@code X-Cache} value written, null when none was (shadow mode)
   * @param cacheStatus reads the {@code Cache-Status} value written (null when none was); asked
   *     only for a bypass, the one outcome that says why there
   * @param nanos how long the request took
   */
  void record(String route, String url, String xCache, Supplier<String> cacheStatus, long nanos) {
    if (xCache == null) {
      return;
    }
    Counters counters = byRoute.computeIfAbsent(route, r -> new Counters());
    boolean hit = false;
    switch (xCache) {
      case "HIT" -> {
        counters.hits.increment();
        hit = true;
      }
      case "STALE" -> {
        counters.stale.increment();
        hit = true;
      }
      case "MISS" -> {
        counters.misses.increment();
        counters.originNanos.add(nanos);
      }
      default -> {
        counters.bypasses.increment();
        String reason = detail(cacheStatus.get());
        if (reason != null) {
          counters.reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
        if (Reason.STORE_UNAVAILABLE.detail().equals(reason)) {
          counters.errors.increment();
        }
      }
    }
    String key = route + " " + url;
    UrlCounters forUrl = byUrl.get(key);
    if (forUrl == null && byUrl.size() < MAX_URLS) {
      forUrl = byUrl.computeIfAbsent(key, k -> new UrlCounters());
    }
    if (forUrl != null) {
      forUrl.requests.increment();
      if (hit) {
        forUrl.hits.increment();
      }
    }
  }

  private static String detail(String cacheStatus) {
    if (cacheStatus == null) {
      return null;
    }
    int at = cacheStatus.indexOf("detail=");
    if (at < 0) {
      return null;
    }
    int end = cacheStatus.indexOf(';', at);
    return cacheStatus.substring(at + "detail=".length(), end < 0 ? cacheStatus.length() : end);
  }

  /** A snapshot per route, by route name. */
  Map<String, RouteStats> snapshot() {
    Map<String, RouteStats> stats = new TreeMap<>();
    byRoute.forEach((route, c) -> stats.put(route, c.snapshot(route)));
    return stats;
  }

  /** A snapshot of one route; empty before its first request. */
  Optional<RouteStats> snapshot(String route) {
    Counters c = byRoute.get(route);
    return c == null ? Optional.empty() : Optional.of(c.snapshot(route));
  }

  /** The {@code limit} most requested URLs, most requested first. */
  List<UrlCount> top(int limit) {
    List<UrlCount> all = new ArrayList<>();
    byUrl.forEach(
        (key, c) -> {
          int space = key.indexOf(' ');
          all.add(
              new UrlCount(
                  key.substring(0, space),
                  key.substring(space + 1),
                  c.requests.sum(),
                  c.hits.sum()));
        });
    all.sort(Comparator.comparingLong(UrlCount::requests).reversed().thenComparing(UrlCount::url));
    return all.subList(0, Math.min(limit, all.size()));
  }
}
