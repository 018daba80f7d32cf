package io.cachelet.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.CachePut;
import io.cachelet.annotation.Cacheable;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine on a real Redis that the tests stop and freeze. */
@RedisTest(ownServer = true)
class MethodCacheRedisTest {

  /** The annotated methods under test; they count how often they really ran. */
  public static class Inventory {
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch entered = new CountDownLatch(0);
    volatile CountDownLatch release = new CountDownLatch(0);

    @Cacheable(cache = "stock", distributedLock = true)
    public String locked(String sku) throws InterruptedException {
      int call = calls.incrementAndGet();
      entered.countDown();
      release.await(10, TimeUnit.SECONDS);
      return sku + "@" + call;
    }

    @Cacheable(cache = "levels")
    public String level(String sku) {
      return sku + "#" + calls.incrementAndGet();
    }

    @CacheEvict(cache = "levels")
    public void restock(String sku) {}

    @CachePut(cache = "levels")
    public String recount(String sku) {
      return sku + "#" + calls.incrementAndGet();
    }
  }

  private final RedisServer redis;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final String prefix = "m" + UUID.randomUUID().toString().substring(0, 8);

  MethodCacheRedisTest(RedisServer redis) {
    this.redis = redis;
  }

  @AfterEach
  void closeAndHeal() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    redis.resume();
    redis.restart();
  }

  /** One application instance: its own Redis client, pool and breaker. */
  private MethodCache instance() {
    return MethodCache.create(cachelet(Duration.ofSeconds(2)));
  }

  /** The engine on {@code cachelet}, closed after the test. */
  private MethodCache engine(Cachelet cachelet) {
    MethodCache engine = MethodCache.create(cachelet);
    opened.add(engine);
    return engine;
  }

  /** With a short socket timeout, for the tests that freeze Redis. */
  private Cachelet cachelet() {
    return cachelet(Duration.ofMillis(200));
  }

  private Cachelet cachelet(Duration socketTimeout) {
    CacheletConfig config =
        CacheletConfig.builder()
            .redisUrl(redis.url())
            .keyPrefix(prefix)
            .connectTimeout(socketTimeout)
            .socketTimeout(socketTimeout)
            .poolMax(2)
            .poolWait(Duration.ofMillis(500))
            .breakerFailures(2)
            .breakerOpenDuration(Duration.ofMillis(200))
            .loadWait(Duration.ofSeconds(5))
            .build();
    Cachelet cachelet = Cachelet.create(config);
    opened.add(cachelet);
    return cachelet;
  }

  static Object call(MethodCache engine, Object target, String name, Object... args) {
    Method method =
        Arrays.stream(target.getClass().getMethods())
            .filter(m -> m.getName().equals(name))
            .findFirst()
            .orElseThrow();
    return engine.invoke(
        method,
        args,
        () -> {
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Polls {@code condition} for up to ten seconds. */
  private static boolean eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Test
  void aDistributedLockLetsOneOfTwoInstancesRunTheMethod() throws Exception {
    MethodCache first = instance();
    MethodCache second = instance();
    opened.add(first);
    opened.add(second);
    assertOneOfTwoInstancesRunsALockedMethod(first, second);
  }

  /**
   * While {@code first} runs a method under the distributed lock, {@code second} waits for its
   * result instead of running it too.
   */
  static void assertOneOfTwoInstancesRunsALockedMethod(MethodCache first, MethodCache second)
      throws Exception {
    Inventory inventory = new Inventory();
    inventory.entered = new CountDownLatch(1);
    inventory.release = new CountDownLatch(1);

    CompletableFuture<Object> a =
        CompletableFuture.supplyAsync(() -> call(first, inventory, "locked", "sku-1"));
    assertThat(inventory.entered.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Object> b =
        CompletableFuture.supplyAsync(() -> call(second, inventory, "locked", "sku-1"));
    assertThat(eventually(() -> second.stats("stock").misses() > 0)).isTrue();
    inventory.release.countDown();

    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("sku-1@1");
    assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("sku-1@1");
    assertThat(inventory.calls).hasValue(1);
  }

  @Test
  void methodsKeepAnsweringWhileRedisIsKilledAndCacheAgainOnceItIsBack() throws Exception {
    MethodCache engine = instance();
    opened.add(engine);
    Inventory inventory = new Inventory();
    assertThat(call(engine, inventory, "level", "a")).isEqualTo("a#1");
    assertThat(call(engine, inventory, "level", "a")).isEqualTo("a#1");

    redis.stop();
    for (int i = 2; i <= 6; i++) {
      assertThat(call(engine, inventory, "level", "b")).isEqualTo("b#" + i);
    }

    redis.restart();
    assertThat(
            eventually(
                () -> {
                  Object first = call(engine, inventory, "level", "c");
                  return first.equals(call(engine, inventory, "level", "c"));
                }))
        .isTrue();
  }

  @Test
  void anEvictionTheBreakerDroppedIsMadeSafeOnceRedisAnswersAgain() throws Exception {
    Cachelet cachelet = cachelet();
    MethodCache engine = engine(cachelet);
    Inventory inventory = new Inventory();
    assertThat(call(engine, inventory, "level", "x")).isEqualTo("x#1");

    // frozen: answers time out until the breaker opens; the old entry stays in Redis
    redis.freeze();
    assertThat(
            eventually(
                () -> {
                  call(engine, inventory, "level", "warm");
                  return cachelet.health().breaker() == BreakerState.OPEN;
                }))
        .isTrue();
    call(engine, inventory, "restock", "x"); // never reaches Redis
    assertThat((String) call(engine, inventory, "level", "x")).doesNotEndWith("#1");
    redis.resume();

    assertThat(
            eventually(
                () -> {
                  Object value = call(engine, inventory, "level", "x");
                  return value.equals(call(engine, inventory, "level", "x"));
                }))
        .isTrue();
    assertThat((String) call(engine, inventory, "level", "x")).doesNotEndWith("#1");
  }

  @Test
  void anEvictionLostToAnErrorReplyIsMadeSafeThoughTheBreakerStayedClosed() throws Exception {
    Cachelet cachelet = cachelet();
    MethodCache engine = engine(cachelet);
    Inventory inventory = new Inventory();
    assertThat(call(engine, inventory, "level", "y")).isEqualTo("y#1");

    whileBusy(cachelet, () -> call(engine, inventory, "restock", "y"));

    assertThat(call(engine, inventory, "level", "y")).isEqualTo("y#2");
    assertThat(call(engine, inventory, "level", "y")).isEqualTo("y#2");
  }

  @Test
  void aPutLostToAnErrorReplyNeverLeavesTheOlderValueServed() throws Exception {
    Cachelet cachelet = cachelet();
    MethodCache engine = engine(cachelet);
    Inventory inventory = new Inventory();
    assertThat(call(engine, inventory, "level", "z")).isEqualTo("z#1");

    whileBusy(cachelet, () -> assertThat(call(engine, inventory, "recount", "z")).isEqualTo("z#2"));

    assertThat(call(engine, inventory, "level", "z")).isEqualTo("z#3");
    assertThat(call(engine, inventory, "level", "z")).isEqualTo("z#3");
  }

  /**
   * Runs {@code action} while a script hogs the server, so that its one store call is answered BUSY
   * (and the data stays): one failure, and the breaker wants two, so nothing reports the store
   * down.
   */
  private void whileBusy(Cachelet cachelet, Runnable action) throws InterruptedException {
    redis.command("CONFIG", "SET", "busy-reply-threshold", "20");
    Thread script =
        new Thread(
            () -> {
              try {
                redis.command("EVAL", "while true do end", "0");
              } catch (RuntimeException killed) {
                // SCRIPT KILL ends it with an error reply
              }
            });
    script.start();
    try {
      assertThat(eventually(this::busy)).isTrue();
      long failures = cachelet.store().failures();
      action.run();
      assertThat(cachelet.store().failures()).isEqualTo(failures + 1);
      assertThat(cachelet.store().breakerState()).isEqualTo(BreakerState.CLOSED);
    } finally {
      redis.command("SCRIPT", "KILL");
      script.join();
    }
  }

  private boolean busy() {
    try {
      redis.command("PING");
      return false;
    } catch (IllegalStateException reply) {
      return reply.getMessage().contains("BUSY");
    }
  }
}
