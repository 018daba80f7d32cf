package io.cachelet.bench.http;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.filter.ResponseCacheFilter;
import io.cachelet.filter.RouteRules;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The scenarios with the response-caching filter in front of the origin servlet. */
final class FilterApps {

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
                .redisUrl("redis://127.0.0.1:" + unusedPort())
                .keyPrefix("bench")
                .build());
    RouteRules hour =
        RouteRules.builder().route("item", "/**", r -> r.ttl(Duration.ofHours(1))).build();
    // misses fill Redis with a new entry per request: keep them short-lived
    RouteRules brief =
        RouteRules.builder().route("item", "/**", r -> r.ttl(Duration.ofSeconds(30))).build();
    BodyServlet small = new BodyServlet(Bodies.SMALL, BenchServer.DATABASE_CALL);
    return List.of(
        app("/hit-redis", small, new ResponseCacheFilter(hour, redis)),
        app("/hit-memory", small, new ResponseCacheFilter(hour, memory)),
        app("/hit-near", small, new ResponseCacheFilter(hour, near)),
        app("/hit-floor", small, new HitFloorFilter(Bodies.SMALL)),
        app("/miss", small, new ResponseCacheFilter(brief, redis)),
        app("/redis-down", small, new ResponseCacheFilter(hour, down)),
        app(
            "/hit-gzip",
            new BodyServlet(Bodies.LARGE, BenchServer.DATABASE_CALL),
            new ResponseCacheFilter(hour, redis)));
  }

  private static ServletContextHandler app(String path, HttpServlet servlet, Filter filter) {
    ServletContextHandler context = BenchServer.app(path, servlet);
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    return context;
  }

  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
