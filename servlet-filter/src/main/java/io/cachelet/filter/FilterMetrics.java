package io.cachelet.filter;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Publishes what a {@link ResponseCacheFilter} did, per route, as Micrometer meters (the same
 * figures as the admin stats):
 *
 * <ul>
 *   <li>{@code cachelet.http.requests} {@code {route, result=hit|stale|miss|bypass}}: requests on
 *       the route, by how the cache answered them;
 *   <li>{@code cachelet.http.errors} {@code {route}}: requests that found the store unavailable;
 *   <li>{@code cachelet.http.decrypt.failures} {@code {route}}: encrypted entries that failed to
 *       open;
 *   <li>{@code cachelet.http.origin.duration} {@code {route}}: the time the application took to
 *       answer the misses (a function timer).
 * </ul>
 *
 * <p>Bind it when the filter is created: its meters are registered once the container has
 * initialised the filter and it knows its routes, and read the live counters at each scrape.
 */
public final class FilterMetrics implements MeterBinder {

  private final ResponseCacheFilter filter;
  private final Tags tags;

  private FilterMetrics(ResponseCacheFilter filter, Tags tags) {
    this.filter = filter;
    this.tags = tags;
  }

  /** Meters for {@code filter}. */
  public static FilterMetrics of(ResponseCacheFilter filter) {
    return of(filter, Tags.empty());
  }

  /** Meters for {@code filter}, each carrying {@code tags} as well, e.g. the application. */
  public static FilterMetrics of(ResponseCacheFilter filter, Iterable<Tag> tags) {
    return new FilterMetrics(
        Objects.requireNonNull(filter, "filter"), Tags.of(Objects.requireNonNull(tags, "tags")));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    filter.whenStarted(
        started -> started.rules().routes().forEach(route -> bindRoute(registry, route.name())));
  }

  private void bindRoute(MeterRegistry registry, String route) {
    Tags at = tags.and("route", route);
    Map<String, ToLongFunction<RouteStats>> results =
        Map.of(
            "hit", RouteStats::hits,
            "stale", RouteStats::staleHits,
            "miss", RouteStats::misses,
            "bypass", RouteStats::bypasses);
    results.forEach(
        (result, count) ->
            counter(
                registry,
                "cachelet.http.requests",
                "Requests on the route, by how the cache answered them",
                at.and("result", result),
                route,
                count));
    counter(
        registry,
        "cachelet.http.errors",
        "Requests that found the store unavailable",
        at,
        route,
        RouteStats::errors);
    FunctionCounter.builder(
            "cachelet.http.decrypt.failures",
            filter,
            f -> f.decryptFailures().getOrDefault(route, 0L))
        .tags(at)
        .description("Encrypted entries that failed to open and were served as misses")
        .register(registry);
    FunctionTimer.builder(
            "cachelet.http.origin.duration",
            filter,
            f -> figure(f, route, RouteStats::misses),
            f -> f.routeStats(route).map(s -> (double) s.originTime().toNanos()).orElse(0.0),
            TimeUnit.NANOSECONDS)
        .tags(at)
        .description("Time the application took to answer the misses")
        .register(registry);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      String route,
      ToLongFunction<RouteStats> count) {
    FunctionCounter.builder(name, filter, f -> figure(f, route, count))
        .tags(tags)
        .description(description)
        .register(registry);
  }

  /** A route's figure; 0 before its first request. */
  private static long figure(
      ResponseCacheFilter filter, String route, ToLongFunction<RouteStats> f) {
    return filter.routeStats(route).map(f::applyAsLong).orElse(0L);
  }
}
