package io.cachelet.bench.method;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.store.resilient.ResilientStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Every method-cache path the benchmarks compare, built once against one Redis server and primed,
 * so that the JMH benchmarks and the paired harness measure exactly the same objects. Each path
 * reads its own key and is checked to be a pure hit: its loader runs once, when primed.
 */
public final class Paths implements AutoCloseable {

  /** The id every path reads. */
  public static final long ID = 11;

  private final ObjectMapper mapper = Catalog.mapper();
  private final Catalog expected = Catalog.of(ID);
  private final RedisClient jedis;
  private final byte[] floorKey = "bench:floor:11".getBytes(StandardCharsets.UTF_8);
  private final Cachelet redisCachelet;
  private final Cache redisCache;
  private final Cachelet memoryCachelet;
  private final Cache memoryCache;
  private final Cachelet downCachelet;
  private final Cache downCache;
  private final SpringPeer spring;
  private final AtomicLong loads = new AtomicLong();
  private final Map<String, Supplier<Object>> extra = new LinkedHashMap<>();
  private final Map<String, LongSupplier> invocations = new LinkedHashMap<>();
  private final Deque<AutoCloseable> closeFirst = new ArrayDeque<>();
  private final CacheletConfig redisConfig;

  private Paths(String host, int port) {
    jedis =
        RedisClient.builder()
            .hostAndPort(host, port)
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                    .build())
            .build();
    try {
      jedis.set(floorKey, mapper.writeValueAsBytes(expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    redisConfig =
        CacheletConfig.builder()
            .redisUrl("redis://" + host + ":" + port)
            .keyPrefix("bench")
            .defaultTtl(Duration.ofHours(1))
            .build();
    redisCachelet = Cachelet.create(redisConfig);
    redisCache = redisCachelet.cache("catalog");

    memoryCachelet =
        Cachelet.create(
            CacheletConfig.builder()
                .keyPrefix("bench")
                .defaultTtl(Duration.ofHours(1))
                .memoryMaxBytes(64L << 20)
                .build());
    memoryCache = memoryCachelet.cache("catalog");

    // a Redis nobody listens on, and a breaker that stays open for the whole run: what is measured
    // is the open state, not the once-a-second probe
    downCachelet =
        Cachelet.create(
            CacheletConfig.builder()
                .redisUrl("redis://127.0.0.1:" + unusedPort())
                .keyPrefix("bench")
                .connectTimeout(Duration.ofMillis(50))
                .breakerOpenDuration(Duration.ofHours(1))
                .build());
    downCache = downCachelet.cache("catalog");

    spring = SpringPeer.start(host, port);
  }

  /**
   * Builds and primes every path, the annotation paths included, against the Redis server at {@code
   * host:port}.
   */
  public static Paths start(String host, int port) {
    Paths paths = new Paths(host, port);
    try {
      paths.prime();
      MethodPaths.addWeaved(paths);
    } catch (RuntimeException e) {
      paths.close();
      throw e;
    }
    return paths;
  }

  private void prime() {
    check("floor", floor());
    redisCache.evict("11");
    cacheRedis();
    check("cacheRedis", cacheRedis());
    cacheMemory();
    check("cacheMemory", cacheMemory());
    for (int i = 0; i < 20; i++) {
      breakerOpen();
    }
    BreakerState state = ((ResilientStore) downCachelet.store()).breakerState();
    if (state != BreakerState.OPEN) {
      throw new IllegalStateException("the breaker of the down store is " + state + ", not OPEN");
    }
    spring.prime();
    check("spring", spring.hit());
    long before = loads.get();
    if (before != 2) {
      throw new IllegalStateException("expected 2 loads while priming, saw " + before);
    }
  }

  /**
   * Adds a primed path that the paired harness measures too; {@code invocations} counts the real
   * method calls, which must stay at one.
   */
  public void add(String name, Supplier<Object> path, LongSupplier invocations) {
    check(name, path.get());
    extra.put(name, path);
    this.invocations.put(name, invocations);
  }

  /** The configuration of the Redis-backed Cachelet, for paths that build their own. */
  public CacheletConfig redisConfig() {
    return redisConfig;
  }

  /** Closes {@code resource} with these paths, before what they built themselves. */
  public void closeWith(AutoCloseable resource) {
    closeFirst.push(resource);
  }

  /** The extra paths, in the order they were added. */
  public Map<String, Supplier<Object>> extra() {
    return extra;
  }

  private void check(String path, Object value) {
    if (!expected.equals(value)) {
      throw new IllegalStateException(path + " returned " + value + ", not the expected catalogue");
    }
  }

  /** Fails unless every cached path stayed a hit since priming. */
  public void verifyHitsOnly() {
    invocations.forEach(
        (name, count) -> {
          if (count.getAsLong() != 1) {
            throw new IllegalStateException(
                name + " missed: its method ran " + count.getAsLong() + " times (expected 1)");
          }
        });
    if (loads.get() != 2 || spring.invocations() != 1) {
      throw new IllegalStateException(
          "a path missed: cachelet loads "
              + loads.get()
              + " (expected 2), spring invocations "
              + spring.invocations()
              + " (expected 1)");
    }
  }

  /** The floor: one Jedis GET of precomputed key bytes and one Jackson read. */
  public Catalog floor() {
    try {
      return mapper.readValue(jedis.get(floorKey), Catalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson alone, from memory: the decode share of the floor. */
  public Catalog jacksonDecode(byte[] json) {
    try {
      return mapper.readValue(json, Catalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON the floor reads. */
  public byte[] json() {
    try {
      return mapper.writeValueAsBytes(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link Cache#getOrLoad} hit on Redis. */
  public Catalog cacheRedis() {
    return redisCache.getOrLoad("11", Catalog.class, this::load);
  }

  /** {@link Cache#getOrLoad} hit on the in-process store. */
  public Catalog cacheMemory() {
    return memoryCache.getOrLoad("11", Catalog.class, this::load);
  }

  /**
   * {@link Cache#getOrLoad} while Redis is down and the breaker open: a miss without I/O, the
   * loader (which returns a ready value) and a dropped write.
   */
  public Catalog breakerOpen() {
    return downCache.getOrLoad("11", Catalog.class, () -> expected);
  }

  /** The loader alone, as {@link #breakerOpen} calls it: the baseline of the breaker figure. */
  public Catalog direct() {
    return expected;
  }

  /** Spring {@code @Cacheable} hit through {@code RedisCacheManager} on Jedis. */
  public Catalog spring() {
    return spring.hit();
  }

  private Catalog load() {
    loads.incrementAndGet();
    return expected;
  }

  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    while (!closeFirst.isEmpty()) {
      try {
        closeFirst.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a benchmark path failed", e);
      }
    }
    spring.close();
    downCachelet.close();
    memoryCachelet.close();
    redisCachelet.close();
    jedis.close();
  }
}
