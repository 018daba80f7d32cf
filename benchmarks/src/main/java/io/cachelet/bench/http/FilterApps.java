package io.cachelet.bench.http;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.filter.ResponseCacheFilter;
import io.cachelet.filter.RouteRules;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The scenarios with the response-caching filter in front of the origin servlet. */
final class FilterApps {

  /** Room above the curves' largest body, 1 MiB, which is the filter's default limit. */
  private static final long MAX_BODY_BYTES = 4L << 20;

  private FilterApps() {}

  static List<ServletContextHandler> contexts(int redisPort) {
    Cachelet redis =
        Cachelet.create(
            CacheletConfig.builder()
                .redisUrl("redis://127.0.0.1:" + redisPort)
                .keyPrefix("bench")
                .poolMax(BenchServer.POOL_MAX)
                .build());
    // the near cache in front of the same Redis: hits are answered from the process, misses and
    // invalidations go through Redis
    Cachelet near =
        Cachelet.create(
            CacheletConfig.builder()
                .redisUrl("redis://127.0.0.1:" + redisPort)
                .keyPrefix("bench-near")
                .poolMax(BenchServer.POOL_MAX)
                .nearCacheEnabled(true)
                .build());
    Cachelet memory =
        Cachelet.create(
            CacheletConfig.builder().keyPrefix("bench").memoryMaxBytes(256L << 20).build());
    // a Redis nobody listens on: connections are refused, the breaker opens after the first
    // failures and then stays open apart from one probe a second, as in a real outage
    Cachelet down =
        Cachelet.create(
            CacheletConfig.builder()
                .redisUrl("redis://127.0.0.1:" + LoopbackPorts.free())
                .keyPrefix("bench")
                .build());
    BodyServlet small = new BodyServlet(Bodies.SMALL, BenchServer.DATABASE_CALL);
    Duration hour = Duration.ofHours(1);
    List<ServletContextHandler> contexts = new ArrayList<>();
    for (int size : Bodies.CURVE_SIZES) {
      BodyServlet origin = new BodyServlet(Bodies.sized(size), BenchServer.DATABASE_CALL);
      String suffix = Bodies.suffix(size);
      contexts.add(cached("/hit-memory" + suffix, origin, memory, hour));
      contexts.add(cached("/hit-redis" + suffix, origin, redis, hour));
    }
    contexts.add(cached("/hit-redis", small, redis, hour));
    contexts.add(cached("/hit-memory", small, memory, hour));
    contexts.add(cached("/hit-near", small, near, hour));
    contexts.add(filtered("/hit-floor", small, new HitFloorFilter(Bodies.SMALL)));
    // misses fill Redis with a new entry per request: keep them short-lived
    contexts.add(cached("/miss", small, redis, Duration.ofSeconds(30)));
    contexts.add(cached("/redis-down", small, down, hour));
    contexts.add(
        cached("/hit-gzip", new BodyServlet(Bodies.LARGE, BenchServer.DATABASE_CALL), redis, hour));
    return contexts;
  }

  /**
   * The filter with a route of its own, named after the context: the filter keys entries by the
   * path inside the web application, so contexts sharing a Cachelet and a route name would share
   * their entries ({@code /hit-gzip/item} answered with {@code /hit-redis/item}'s body).
   */
  private static ServletContextHandler cached(
      String path, HttpServlet origin, Cachelet cachelet, Duration ttl) {
    RouteRules rules =
        RouteRules.builder()
            .route(path.substring(1), "/**", r -> r.ttl(ttl).maxBodyBytes(MAX_BODY_BYTES))
            .build();
    return filtered(path, origin, new ResponseCacheFilter(rules, cachelet));
  }

  private static ServletContextHandler filtered(String path, HttpServlet servlet, Filter filter) {
    ServletContextHandler context = BenchServer.app(path, servlet);
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    return context;
  }
}
