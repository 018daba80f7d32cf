package io.cachelet.bench.http;

import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The HTTP bench server: embedded Jetty 12 on loopback, one web application per scenario, each
 * under its own context path ({@code /raw}, {@code /origin}, …), all in one JVM so that every
 * scenario runs with the same flags, heap and JIT.
 *
 * <p>Usage: {@code BenchServer PORT REDIS_PORT}; prints {@code READY} when it listens.
 */
public final class BenchServer {

  /** The stand-in for the database call behind {@code origin}. */
  static final Duration DATABASE_CALL = Duration.ofMillis(20);

  /**
   * Pooled Redis connections, for the floor servlet and for Cachelet alike: one per wrk connection,
   * so that neither waits for the pool. (Cachelet's default of 32 with a 50 ms pool wait would open
   * its breaker when 64 clients meet a slow moment; the floor would just wait.)
   */
  static final int POOL_MAX = 64;

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int redisPort = Integer.parseInt(args[1]);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(POOL_MAX);
    pool.setMaxIdle(POOL_MAX);
    RedisClient redis =
        RedisClient.builder()
            .hostAndPort("127.0.0.1", redisPort)
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                    .build())
            .poolConfig(pool)
            .build();
    redis.set(RedisFloorServlet.KEY, Bodies.SMALL);

    List<ServletContextHandler> contexts = new ArrayList<>();
    contexts.add(app("/raw", new BodyServlet(Bodies.SMALL, Duration.ZERO)));
    contexts.add(app("/raw-large", new BodyServlet(Bodies.LARGE, Duration.ZERO)));
    contexts.add(app("/redis-floor", new RedisFloorServlet(redis)));
    contexts.add(app("/origin", new BodyServlet(Bodies.SMALL, DATABASE_CALL)));
    // what nginx and Varnish proxy to and cache
    contexts.add(app("/peer", BodyServlet.cacheableOrigin(Bodies.SMALL)));
    contexts.add(app("/peer-large", BodyServlet.cacheableOrigin(Bodies.LARGE)));
    for (int size : Bodies.CURVE_SIZES) {
      byte[] body = Bodies.sized(size);
      String suffix = Bodies.suffix(size);
      contexts.add(app("/raw" + suffix, new BodyServlet(body, Duration.ZERO)));
      contexts.add(app("/peer" + suffix, BodyServlet.cacheableOrigin(body)));
    }
    contexts.addAll(FilterApps.contexts(redisPort));
    server.setHandler(new ContextHandlerCollection(contexts.toArray(ServletContextHandler[]::new)));
    server.start();
    System.out.println("READY");
    System.out.flush();
    server.join();
    redis.close();
  }

  static ServletContextHandler app(String path, HttpServlet servlet) {
    ServletContextHandler context = new ServletContextHandler(path);
    context.addServlet(new ServletHolder(servlet), "/*");
    return context;
  }
}
