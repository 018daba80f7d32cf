package io.cachelet.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.store.StoreUnavailableException;
import io.cachelet.store.resilient.ResilientStore;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failures a cache in production meets, on a real redis-server process: killed, frozen,
 * restarted, swamped, fed garbage. Each test checks the answers are right and that no caller waits
 * long; the bounds are generous so that a loaded machine does not make them flaky. The measured
 * figures are printed for the record.
 */
@RedisTest(ownServer = true)
class RedisFaultToleranceTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SOCKET_TIMEOUT = Duration.ofMillis(200);

  /** Generous: the worst case is about pool wait + 2 x socket timeout + connect timeout. */
  private static final Duration CALL_BOUND = Duration.ofSeconds(3);

  private final RedisServer redis;
  private final List<CacheStore> opened = new ArrayList<>();

  RedisFaultToleranceTest(RedisServer redis) {
    this.redis = redis;
  }

  private CacheletConfig.Builder config() {
    return CacheletConfig.builder()
        .redisUrl(redis.url())
        .connectTimeout(Duration.ofMillis(200))
        .socketTimeout(SOCKET_TIMEOUT)
        .poolWait(Duration.ofMillis(50))
        .breakerFailures(5)
        .breakerOpenDuration(Duration.ofSeconds(1));
  }

  private ResilientStore open(CacheletConfig config) {
    ResilientStore store = ResilientStore.wrap(RedisStore.connect(config), config);
    opened.add(store);
    return store;
  }

  /** Every test leaves a running, empty server behind for the next one. */
  @AfterEach
  void closeStoresAndHealTheServer() {
    opened.forEach(CacheStore::close);
    redis.restart();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  @Test
  void killingRedisUnderSixteenBusyThreadsTurnsReadsIntoMissesWithoutAnExceptionReachingACaller()
      throws Exception {
    ResilientStore store = open(config().build());
    int threads = 16;
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    Queue<Throwable> thrown = new ConcurrentLinkedQueue<>();
    Queue<String> wrongValues = new ConcurrentLinkedQueue<>();
    AtomicLong slowestCallMillis = new AtomicLong();
    AtomicLong hitsAfterStop = new AtomicLong();
    AtomicLong readsAfterStop = new AtomicLong();
    CountDownLatch running = new CountDownLatch(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      workers.add(
          pool.submit(
              () -> {
                running.countDown();
                for (int i = 0; !done.get(); i++) {
                  String key = "kill:" + worker + ":" + (i % 50);
                  long start = System.nanoTime();
                  try {
                    boolean afterStop = stopped.get();
                    store.put(key, bytes(key), MINUTE);
                    byte[] read = store.get(key);
                    if (read != null && !key.equals(new String(read, UTF_8))) {
                      wrongValues.add(key);
                    }
                    if (afterStop) {
                      readsAfterStop.incrementAndGet();
                      if (read != null) {
                        hitsAfterStop.incrementAndGet();
                      }
                    }
                  } catch (Throwable e) {
                    thrown.add(e);
                  }
                  slowestCallMillis.accumulateAndGet(millisSince(start), Math::max);
                }
              }));
    }
    running.await();
    Thread.sleep(300); // let the threads get going; nothing is timed on this
    redis.stop();
    stopped.set(true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (readsAfterStop.get() < 1_000 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    done.set(true);
    for (Future<?> worker : workers) {
      worker.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(thrown).isEmpty();
    assertThat(wrongValues).isEmpty();
    assertThat(readsAfterStop.get()).isGreaterThanOrEqualTo(1_000);
    assertThat(hitsAfterStop.get()).isZero();
    assertThat(store.breakerState()).isNotEqualTo(BreakerState.CLOSED);
    assertThat(store.health().status()).isEqualTo(StoreHealth.Status.DOWN);
    assertThat(Duration.ofMillis(slowestCallMillis.get())).isLessThan(CALL_BOUND);
    System.out.printf(
        "[fault] kill: %d reads after the stop, all misses; slowest put+get %d ms; %s%n",
        readsAfterStop.get(), slowestCallMillis.get(), store.stats());
  }

  @Test
  void aFrozenRedisCostsAboutTheSocketTimeoutUntilTheBreakerOpensThenNothing() throws Exception {
    ResilientStore store = open(config().build());
    store.put("frozen:k", bytes("v"), MINUTE);
    assertThat(store.get("frozen:k")).isEqualTo(bytes("v"));

    redis.freeze();
    List<Long> beforeOpen = new ArrayList<>();
    while (store.breakerState() == BreakerState.CLOSED && beforeOpen.size() < 20) {
      long start = System.nanoTime();
      assertThat(store.get("frozen:k")).isNull();
      beforeOpen.add(millisSince(start));
    }
    assertThat(store.breakerState()).isEqualTo(BreakerState.OPEN);
    assertThat(beforeOpen).hasSize(5).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));

    int hits = 0;
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      hits += store.get("frozen:k") == null ? 0 : 1;
    }
    double afterOpenMicros = (System.nanoTime() - start) / 10_000 / 1_000.0;
    assertThat(hits).isZero();
    assertThat(afterOpenMicros).isLessThan(1_000);

    // more threads than connections, the breaker closed (a fresh store): those without a
    // connection give up after the pool wait, the others after the socket timeout
    ResilientStore fresh = open(config().poolMax(8).build());
    int threads = 24;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> calls = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      calls.add(
          pool.submit(
              () -> {
                long s = System.nanoTime();
                assertThat(fresh.get("frozen:k")).isNull();
                return millisSince(s);
              }));
    }
    long slowest = 0;
    for (Future<Long> call : calls) {
      slowest = Math.max(slowest, call.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(Duration.ofMillis(slowest)).isLessThan(CALL_BOUND);
    redis.resume();

    System.out.printf(
        "[fault] frozen: reads before the breaker opened took %s ms (socket timeout %d ms);"
            + " after it opened %.2f us each; %d concurrent readers over 8 connections on a fresh"
            + " store, slowest %d ms%n",
        beforeOpen, SOCKET_TIMEOUT.toMillis(), afterOpenMicros, threads, slowest);
  }

  @Test
  void aRestartedRedisOnTheSamePortIsUsedAgainWithinFiveSeconds() throws Exception {
    ResilientStore store = open(config().build());
    store.put("restart:k", bytes("before"), MINUTE);
    AtomicBoolean done = new AtomicBoolean();
    // traffic during the restart, so that the breaker opens as it would in production
    Thread traffic =
        new Thread(
            () -> {
              while (!done.get()) {
                store.get("restart:traffic");
              }
            });
    traffic.start();
    redis.restart();
    long back = System.nanoTime();
    long recoveredMillis = -1;
    while (millisSince(back) < 10_000) {
      store.put("restart:k", bytes("after"), MINUTE);
      byte[] read = store.get("restart:k");
      if (read != null) {
        assertThat(read).isEqualTo(bytes("after"));
        recoveredMillis = millisSince(back);
        break;
      }
      Thread.sleep(10);
    }
    done.set(true);
    traffic.join(10_000);

    assertThat(recoveredMillis).isBetween(0L, 5_000L);
    assertThat(store.breakerState()).isEqualTo(BreakerState.CLOSED);
    System.out.printf(
        "[fault] restart: store used again %d ms after redis-server was ready; %s%n",
        recoveredMillis, store.stats());
  }

  @Test
  void afterARestartOneCallFailsNotOnePerPooledConnection() throws Exception {
    CacheletConfig config = config().build();
    RedisStore store = RedisStore.connect(config);
    opened.add(store);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> warmUp = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      warmUp.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 200; i++) {
                  store.put("warm:" + i, bytes("v"), MINUTE);
                }
              }));
    }
    for (Future<?> f : warmUp) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    int idleBefore = store.poolStats().idle();
    assertThat(idleBefore).isGreaterThan(1);

    redis.restart();
    // the first call meets a dead pooled socket; the pool's LIFO order would then hide the other
    // dead ones from sequential calls, so they are checked for concurrently
    int failures = 0;
    try {
      store.put("after:first", bytes("v"), MINUTE);
    } catch (StoreUnavailableException e) {
      failures++;
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService burst = Executors.newFixedThreadPool(8);
    List<Future<Integer>> calls = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int worker = t;
      calls.add(
          burst.submit(
              () -> {
                go.await();
                int failed = 0;
                for (int i = 0; i < 10; i++) {
                  try {
                    store.put("after:" + worker + ":" + i, bytes("v"), MINUTE);
                  } catch (StoreUnavailableException e) {
                    failed++;
                  }
                }
                return failed;
              }));
    }
    go.countDown();
    for (Future<Integer> call : calls) {
      failures += call.get(30, TimeUnit.SECONDS);
    }
    burst.shutdown();
    assertThat(failures).isLessThanOrEqualTo(1);
    System.out.printf(
        "[fault] restart, bare store: %d idle connections before, %d failed call(s) of 81 after%n",
        idleBefore, failures);
  }

  @Test
  void moreThreadsThanConnectionsWaitTheirTurnAndLeaveNoConnectionBehind() throws Exception {
    int connections = 4;
    // this is about queuing for connections, not about timeouts: generous ones keep a loaded
    // machine's scheduling hiccups from turning into errors
    CacheletConfig config =
        config()
            .poolMax(connections)
            .poolWait(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(2))
            .socketTimeout(Duration.ofSeconds(2))
            .build();
    ResilientStore store = open(config);
    int threads = 32;
    int rounds = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Queue<String> wrong = new ConcurrentLinkedQueue<>();
    List<Future<?>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      workers.add(
          pool.submit(
              () -> {
                for (int i = 0; i < rounds; i++) {
                  String key = "pool:" + worker + ":" + i;
                  store.put(key, bytes(key), MINUTE);
                  byte[] read = store.get(key);
                  if (read == null || !key.equals(new String(read, UTF_8))) {
                    wrong.add(key);
                  }
                }
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS); // a deadlock would fail here instead of hanging the build
    }
    pool.shutdown();
    long tookMillis = millisSince(start);

    assertThat(wrong).isEmpty();
    assertThat(store.stats().errors()).isZero();
    assertThat(store.poolStats().active()).isZero();
    assertThat(store.poolStats().idle()).isLessThanOrEqualTo(connections);
    long ours =
        redis.command("CLIENT", "LIST").lines().filter(l -> l.contains(" name=cachelet ")).count();
    assertThat(ours).isBetween(1L, (long) connections);
    System.out.printf(
        "[fault] pool: %d threads x %d put+get over %d connections in %d ms; %d connections"
            + " open after; %s%n",
        threads, rounds, connections, tookMillis, ours, store.stats());
  }

  @Test
  void garbageUnderACacheKeyIsAMissCountedAsADecodeFailureNeverAnException() {
    CacheletConfig config = config().build();
    ResilientStore store = open(config);
    Cachelet cachelet = Cachelet.create(config, store, Clock.systemUTC());
    Cache cache = cachelet.cache("x");
    // entries live under the cache's generation, 0 until evictAll() bumps it
    String storeKey = cachelet.keyBuilder().key(Cache.AREA, "x", "v0:k");
    store.put(storeKey, new byte[] {(byte) 0xFF, 0, 42, (byte) 0x80, 'j', 'u', 'n', 'k'}, MINUTE);

    assertThat(cache.get("k", String.class)).isEmpty();
    assertThat(cache.stats().decodeFailures()).isEqualTo(1);
    assertThat(cache.getOrLoad("k", String.class, () -> "loaded")).isEqualTo("loaded");
    assertThat(cache.get("k", String.class))
        .get()
        .satisfies(v -> assertThat(v.value()).isEqualTo("loaded"));
  }
}
