package io.cachelet.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.config.CacheletConfig;
import io.cachelet.testing.RedisServer;
import io.cachelet.testing.RedisTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CDI interceptors on a real Redis with a pool of two connections, which the tests break. */
@RedisTest(ownServer = true)
class CdiRedisTest {

  private static WeldContainer weld;
  private static Warehouse warehouse;
  private static RedisServer redis;

  @BeforeAll
  static void start(RedisServer server) {
    redis = server;
    RedisCacheletProducer.config =
        CacheletConfig.builder()
            .redisUrl(server.url())
            .keyPrefix("cdi" + UUID.randomUUID().toString().substring(0, 8))
            // generous, so that a loaded machine doesn't look like an outage
            .connectTimeout(Duration.ofSeconds(1))
            .socketTimeout(Duration.ofSeconds(1))
            .poolMax(2)
            .poolWait(Duration.ofSeconds(2))
            .breakerFailures(2)
            .breakerOpenDuration(Duration.ofMillis(200))
            .build();
    weld =
        WeldContainers.startWith(
            RedisCacheletProducer.class,
            Warehouse.class,
            Warehouse.Shelf.class,
            Warehouse.Bin.class);
    warehouse = weld.select(Warehouse.class).get();
  }

  @AfterAll
  static void stop() {
    weld.shutdown();
  }

  @AfterEach
  void heal() {
    redis.resume();
    redis.restart();
  }

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
  void nestedCachedCallsOnAPoolOfTwoConnectionsNeverDeadlock() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String sku = "nested-" + (i % 8);
        results.add(pool.submit(() -> warehouse.stock(sku)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(30, TimeUnit.SECONDS))
            .isEqualTo("stock(shelf(bin nested-" + (i % 8) + "))");
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 8; i++) {
      assertThat(warehouse.calls("nested-" + i)).isEqualTo(1);
    }
  }

  @Test
  void methodsKeepAnsweringWhileRedisIsKilledAndFrozen() throws Exception {
    assertThat(warehouse.stock("outage")).isEqualTo("stock(shelf(bin outage))");
    assertThat(warehouse.stock("outage")).isEqualTo("stock(shelf(bin outage))");
    assertThat(warehouse.calls("outage")).isEqualTo(1);

    redis.stop();
    for (int i = 0; i < 5; i++) {
      assertThat(warehouse.stock("killed")).isEqualTo("stock(shelf(bin killed))");
    }
    redis.restart();
    assertThat(
            eventually(
                () -> {
                  warehouse.stock("back");
                  int before = warehouse.calls("back");
                  warehouse.stock("back");
                  return warehouse.calls("back") == before;
                }))
        .isTrue();

    redis.freeze();
    for (int i = 0; i < 5; i++) {
      assertThat(warehouse.stock("frozen")).isEqualTo("stock(shelf(bin frozen))");
    }
    redis.resume();
    assertThat(warehouse.stock("frozen")).isEqualTo("stock(shelf(bin frozen))");
  }
}
