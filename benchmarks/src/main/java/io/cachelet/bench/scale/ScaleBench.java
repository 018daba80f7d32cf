package io.cachelet.bench.scale;

import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.filter.HttpCacheInvalidator;
import io.cachelet.filter.ResponseCacheFilter;
import io.cachelet.filter.RouteRules;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The scale and memory figures: origin calls for 200 concurrent requests on one cold key (one
 * filter instance, then two sharing Redis and the lock), heap growth while a 1 GiB response streams
 * through a 1 MiB route, and clearing a million keys while another client measures how long Redis
 * stalls.
 *
 * <p>Usage: {@code java -Xmx256m -cp benchmarks.jar io.cachelet.bench.scale.ScaleBench REDIS_PORT
 * [keys]}, against a redis-server started for it (the figures print as {@code FIGURE} lines).
 */
public final class ScaleBench {

  private static final int CONCURRENT = 200;
  private static final long ONE_GIB = 1L << 30;
  private static final int ONE_MIB = 1 << 20;

  private final int redisPort;
  private final List<Cachelet> cachelets = new ArrayList<>();
  private final AtomicInteger originOne = new AtomicInteger();
  private final AtomicInteger originWide = new AtomicInteger();
  private final AtomicInteger originA = new AtomicInteger();
  private final AtomicInteger originB = new AtomicInteger();
  private ResponseCacheFilter bulkFilter;
  private Server server;
  private String base;

  private ScaleBench(int redisPort) {
    this.redisPort = redisPort;
  }

  public static void main(String[] args) throws Exception {
    int redisPort = Integer.parseInt(args[0]);
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    ScaleBench bench = new ScaleBench(redisPort);
    try {
      bench.start();
      bench.stampede();
      bench.largeBody();
      bench.clear(keys);
    } finally {
      bench.stop();
    }
  }

  private Cachelet cachelet() {
    return cachelet(CacheletConfig.builder().build().poolMax());
  }

  private Cachelet cachelet(int poolMax) {
    Cachelet cachelet =
        Cachelet.create(
            CacheletConfig.builder()
                .redisUrl("redis://127.0.0.1:" + redisPort)
                .keyPrefix("scale")
                .poolMax(poolMax)
                .build());
    cachelets.add(cachelet);
    return cachelet;
  }

  private void start() throws Exception {
    server = new Server(new QueuedThreadPool(CONCURRENT * 3, 8));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(CONCURRENT * 2);
    server.addConnector(connector);

    RouteRules local =
        RouteRules.builder().route("item", "/**", r -> r.ttl(Duration.ofHours(1))).build();
    RouteRules locked =
        RouteRules.builder()
            .route("item", "/**", r -> r.ttl(Duration.ofHours(1)).lock(Duration.ofSeconds(10)))
            .build();
    RouteRules big =
        RouteRules.builder()
            .route("big", "/**", r -> r.ttl(Duration.ofHours(1)).maxBodyBytes(ONE_MIB))
            .build();
    RouteRules bulk =
        RouteRules.builder().route("bulk", "/**", r -> r.ttl(Duration.ofHours(1))).build();
    bulkFilter = new ResponseCacheFilter(bulk, cachelet());

    ContextHandlerCollection contexts = new ContextHandlerCollection();
    // /one: one instance; /a and /b: two instances (each its own filter and Cachelet, so nothing
    // shared but Redis), whose keys are equal because keys hold the path inside the application
    contexts.addHandler(
        app("/one", new SlowOrigin(originOne), new ResponseCacheFilter(local, cachelet())));
    contexts.addHandler(
        app(
            "/wide",
            new SlowOrigin(originWide),
            new ResponseCacheFilter(local, cachelet(CONCURRENT + 8))));
    contexts.addHandler(
        app("/a", new SlowOrigin(originA), new ResponseCacheFilter(locked, cachelet())));
    contexts.addHandler(
        app("/b", new SlowOrigin(originB), new ResponseCacheFilter(locked, cachelet())));
    contexts.addHandler(app("/big", new LargeOrigin(), new ResponseCacheFilter(big, cachelet())));
    contexts.addHandler(app("/bulk", new SlowOrigin(new AtomicInteger()), bulkFilter));
    server.setHandler(contexts);
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  private static ServletContextHandler app(
      String path, HttpServlet servlet, ResponseCacheFilter filter) {
    ServletContextHandler context = new ServletContextHandler(path);
    context.addServlet(new ServletHolder(servlet), "/*");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    return context;
  }

  private void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    cachelets.forEach(Cachelet::close);
  }

  // ---- 200 concurrent requests on one cold key

  private void stampede() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(16);
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    try {
      // warm every context up on keys of its own first: the figure is about the cold key, not a
      // cold JVM
      List<String> warm = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        warm.add(base + List.of("/one", "/wide", "/a", "/b").get(i % 4) + "/warm?i=" + (i % 20));
      }
      fire(client, warm);
      originOne.set(0);
      originWide.set(0);
      originA.set(0);
      originB.set(0);

      String key = "/item?k=cold-" + System.nanoTime();
      List<String> one = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        one.add(base + "/one" + key);
      }
      Outcome outcome = fire(client, one);
      figure(
          "stampede.one-instance.origin-calls",
          originOne.get(),
          "1; default pool of " + CacheletConfig.builder().build().poolMax(),
          outcome);

      key = "/item?k=cold-" + System.nanoTime();
      List<String> wide = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        wide.add(base + "/wide" + key);
      }
      outcome = fire(client, wide);
      figure(
          "stampede.one-instance-pool-" + (CONCURRENT + 8) + ".origin-calls",
          originWide.get(),
          "1",
          outcome);

      key = "/item?k=cold-" + System.nanoTime();
      List<String> two = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        two.add(base + (i % 2 == 0 ? "/a" : "/b") + key);
      }
      outcome = fire(client, two);
      figure(
          "stampede.two-instances-lock.origin-calls",
          originA.get() + originB.get(),
          "1 (instance a " + originA.get() + ", b " + originB.get() + ")",
          outcome);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * How a burst went: responses that were not 200 with the origin's body, and each Cache-Status.
   */
  record Outcome(int failed, Map<String, Integer> statuses) {}

  /** Sends every request at once. */
  private static Outcome fire(HttpClient client, List<String> urls) {
    Map<String, Integer> statuses = new TreeMap<>();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (String url : urls) {
      responses.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int failed = 0;
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      try {
        HttpResponse<String> r = response.join();
        String status =
            r.headers().firstValue("Cache-Status").orElse("none").replaceAll("ttl=\\d+", "ttl=N");
        statuses.merge(r.statusCode() + " " + status, 1, Integer::sum);
        if (r.statusCode() != 200 || !r.body().equals(SlowOrigin.BODY)) {
          failed++;
        }
      } catch (RuntimeException e) {
        statuses.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        failed++;
      }
    }
    return new Outcome(failed, statuses);
  }

  private static void figure(String name, long value, String target, Outcome outcome) {
    System.out.printf(
        Locale.ROOT,
        "FIGURE %s = %d (target %s; failed responses %d; Cache-Status %s)%n",
        name,
        value,
        target,
        outcome.failed(),
        outcome.statuses());
  }

  // ---- a 1 GiB response through a 1 MiB route

  /**
   * Streams 1 GiB through a route that stores at most 1 MiB, read by curl outside this JVM, while a
   * sampler forces a full collection every 100 ms and keeps the heap in use after it: the live
   * heap, garbage excluded. The figure is the largest live heap seen minus the live heap before.
   */
  private void largeBody() throws Exception {
    long baseline = liveHeap();
    AtomicLong peakLive = new AtomicLong(baseline);
    AtomicInteger samples = new AtomicInteger();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                peakLive.accumulateAndGet(liveHeap(), Math::max);
                samples.incrementAndGet();
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "live-heap-sampler");
    sampler.start();
    long started = System.nanoTime();
    Process curl =
        new ProcessBuilder(
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "--limit-rate",
                "400M",
                "-w",
                "%{http_code} %{size_download}",
                base + "/big/file")
            .redirectErrorStream(true)
            .start();
    String result = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    curl.waitFor();
    long elapsed = System.nanoTime() - started;
    sampling.set(false);
    sampler.join();
    String[] parts = result.trim().split(" ");
    boolean complete =
        parts.length == 2 && parts[0].equals("200") && Long.parseLong(parts[1]) == ONE_GIB;
    System.out.printf(
        Locale.ROOT,
        "FIGURE large-body.live-heap-growth = %.2f MiB (target <= 2 MiB = 2 x the 1 MiB limit;"
            + " live heap before %.1f MiB, %d samples; response %s, complete %s, %.1f s)%n",
        Math.max(0, peakLive.get() - baseline) / (double) ONE_MIB,
        baseline / (double) ONE_MIB,
        samples.get(),
        result.trim(),
        complete,
        elapsed / 1e9);
  }

  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  // ---- clearing a million keys

  private void clear(int count) throws Exception {
    Cachelet cachelet = cachelets.get(0);
    String prefix = "scale:http:bulk:0.0:";
    try (RedisClient redis = RedisClient.builder().hostAndPort("127.0.0.1", redisPort).build();
        Jedis admin = new Jedis("127.0.0.1", redisPort)) {
      byte[] value = new byte[100];
      Arrays.fill(value, (byte) 'x');
      long populateStart = System.nanoTime();
      for (int from = 0; from < count; from += 10_000) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
          for (int i = from; i < Math.min(count, from + 10_000); i++) {
            pipeline.set(
                (prefix + String.format(Locale.ROOT, "%064x", i)).getBytes(StandardCharsets.UTF_8),
                value,
                SetParams.setParams().px(3_600_000));
          }
          pipeline.sync();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "populated %d keys in %.1f s; dbsize %d%n",
          count,
          (System.nanoTime() - populateStart) / 1e9,
          redis.dbSize());

      try (StallMonitor idle = StallMonitor.start(redisPort)) {
        Thread.sleep(2_000);
        idle.report("clear.idle-baseline");
      }

      // what Redis itself measured: every command slower than 1 ms goes to the slow log
      admin.configSet("slowlog-log-slower-than", "1000");
      admin.slowlogReset();
      HttpCacheInvalidator invalidator = bulkFilter.invalidator();
      try (StallMonitor monitor = StallMonitor.start(redisPort)) {
        Thread.sleep(200);
        long start = System.nanoTime();
        invalidator.purgeRoute("bulk");
        long took = System.nanoTime() - start;
        Thread.sleep(200);
        System.out.printf(
            Locale.ROOT,
            "FIGURE clear.purge-route.time = %.3f ms for %d keys (target O(1): a generation bump)%n",
            took / 1e6,
            count);
        monitor.report("clear.purge-route");
      }

      try (StallMonitor monitor = StallMonitor.start(redisPort)) {
        Thread.sleep(200);
        long start = System.nanoTime();
        long removed = cachelet.store().clear(cachelet.keyBuilder().pattern("http", "bulk"));
        long took = System.nanoTime() - start;
        Thread.sleep(200);
        System.out.printf(
            Locale.ROOT,
            "FIGURE clear.scan-unlink.time = %.2f s, %d keys removed (SCAN + UNLINK in batches;"
                + " dbsize after %d)%n",
            took / 1e9,
            removed,
            redis.dbSize());
        monitor.report("clear.scan-unlink");
      }
      long slowest =
          admin.slowlogGet(128).stream().mapToLong(e -> e.getExecutionTime()).max().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "FIGURE clear.server-side-longest-command = %.2f ms (Redis slow log, commands over 1 ms"
              + " during both clears; 0 = none)%n",
          slowest / 1000.0);
      admin.configSet("slowlog-log-slower-than", "10000");
    }
  }

  /** The origin behind the stampede routes: slow enough that all requests arrive while it runs. */
  static final class SlowOrigin extends HttpServlet {
    static final String BODY = "{\"item\":\"the one cold key\"}";
    private final transient AtomicInteger calls;

    SlowOrigin(AtomicInteger calls) {
      this.calls = calls;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      calls.incrementAndGet();
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
      response.setContentType("application/json");
      response.getWriter().write(BODY);
    }
  }

  /** 1 GiB, written 64 KiB at a time, never held whole. */
  static final class LargeOrigin extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("application/octet-stream");
      response.setContentLengthLong(ONE_GIB);
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) (i * 31 + 7);
      }
      OutputStream out = response.getOutputStream();
      for (long written = 0; written < ONE_GIB; written += chunk.length) {
        out.write(chunk);
      }
    }
  }
}
