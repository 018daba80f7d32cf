package io.cachelet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.CacheStores;
import io.cachelet.store.InvalidationBus;
import io.cachelet.store.StoreHealth;
import io.cachelet.store.near.NearCacheLimits;
import io.cachelet.store.near.NearCacheStore;
import io.cachelet.testing.PortMethods;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheletMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CacheletConfig config = CacheletConfig.builder().build();
  private final Cachelet cachelet =
      Cachelet.create(
          config, MeteredStore.wrap(CacheStores.create(config), registry), Clock.systemUTC());

  @AfterEach
  void close() {
    cachelet.close();
  }

  @Test
  void everyDataOperationOfThePortIsTimed() {
    // a method added to the port would otherwise be forwarded and never show in the metrics
    assertThat(PortMethods.notDeclaredBy(MeteredStore.class))
        .containsExactlyInAnyOrder(
            "ping",
            "backend",
            "poolStats",
            "health",
            "failures",
            "breakerState",
            "memory",
            "nearCache",
            "addStateListener",
            "close");
  }

  private double gets(String cache, String result) {
    return registry
        .get("cachelet.gets")
        .tag("cache", cache)
        .tag("result", result)
        .functionCounter()
        .count();
  }

  @Test
  void countsHitsMissesAndLoadsOfACacheCreatedBeforeBinding() {
    Cache prices = cachelet.cache("prices");
    CacheletMetrics.of(cachelet).bindTo(registry);

    prices.getOrLoad("a", String.class, () -> "one");
    prices.getOrLoad("a", String.class, () -> "two");

    assertThat(gets("prices", "miss")).isEqualTo(1);
    assertThat(gets("prices", "hit")).isEqualTo(1);
    assertThat(
            registry
                .get("cachelet.loads")
                .tag("cache", "prices")
                .tag("result", "success")
                .functionCounter()
                .count())
        .isEqualTo(1);
    FunctionTimer loads =
        registry.get("cachelet.load.duration").tag("cache", "prices").functionTimer();
    assertThat(loads.count()).isEqualTo(1);
  }

  @Test
  void aCacheCreatedAfterBindingGetsItsMetersToo() {
    CacheletMetrics.of(cachelet).bindTo(registry);

    cachelet.cache("late").get("nothing", String.class);

    assertThat(gets("late", "miss")).isEqualTo(1);
  }

  @Test
  void theStoreReportsItsBreakerStateLatencyAndBytes() {
    CacheletMetrics.of(cachelet).bindTo(registry);

    cachelet.cache("c").put("k", "value");
    cachelet.cache("c").get("k", String.class);

    assertThat(
            registry
                .get("cachelet.store.breaker.state")
                .tag("backend", "memory")
                .tag("state", "none")
                .gauge()
                .value())
        .isEqualTo(1);
    assertThat(registry.get("cachelet.store.breaker.state").tag("state", "open").gauge().value())
        .isZero();
    // the cache may read more than once per lookup (its generation, the entry): at least one
    assertThat(registry.get("cachelet.store.latency").tag("operation", "get").timer().count())
        .isPositive();
    double written =
        registry.get("cachelet.store.bytes").tag("direction", "written").counter().count();
    double read = registry.get("cachelet.store.bytes").tag("direction", "read").counter().count();
    assertThat(written).isPositive();
    assertThat(read).isPositive();
  }

  @Test
  void theStoreReportsItsMemoryAsLastSampledInBytes() {
    CacheletMetrics.of(cachelet).bindTo(registry);
    cachelet.cache("c").put("k", "value");

    // the first sample is taken at once, on the sampler's thread
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (cachelet.memory().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertThat(registry.get("cachelet.store.memory.max").gauge().value())
        .isEqualTo(config.memoryMaxBytes());
    assertThat(registry.get("cachelet.store.memory.max").gauge().getId().getBaseUnit())
        .isEqualTo("bytes");
    assertThat(registry.get("cachelet.store.memory.used").gauge().value()).isNotNaN();
    assertThat(registry.get("cachelet.store.evictions").functionCounter().count()).isZero();
  }

  @Test
  void aNearCacheGetsItsOwnMeters() {
    CacheStore near =
        NearCacheStore.create(
            CacheStores.create(config),
            InvalidationBus.none(),
            NearCacheLimits.entries(1, Duration.ofMinutes(1)),
            Ticker.systemTicker());
    try (Cachelet withNear = Cachelet.create(config, near, Clock.systemUTC())) {
      CacheletMetrics.of(withNear).bindTo(registry);
      near.put("a", new byte[] {1}, Duration.ofMinutes(1));
      near.get("a");
      near.put("b", new byte[] {2}, Duration.ofMinutes(1)); // one entry at most: evicts a

      assertThat(
              registry
                  .get("cachelet.near.gets")
                  .tag("backend", "memory")
                  .tag("result", "hit")
                  .functionCounter()
                  .count())
          .isEqualTo(1);
      assertThat(registry.get("cachelet.near.evictions").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("cachelet.near.size").gauge().value()).isEqualTo(1);
      assertThat(registry.get("cachelet.near.invalidations").functionCounter().count()).isZero();
      assertThat(registry.get("cachelet.near.resyncs").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("cachelet.near.invalidation.lag").functionTimer().count()).isZero();
    }
  }

  @Test
  void withoutANearCacheThereAreNoNearCacheMeters() {
    CacheletMetrics.of(cachelet).bindTo(registry);

    assertThat(registry.find("cachelet.near.gets").meters()).isEmpty();
  }

  @Test
  void theMeteredStorePassesOnTheFailureCountAndBreakerStateOfTheStoreItWraps() {
    CacheStore failing =
        (CacheStore)
            Proxy.newProxyInstance(
                CacheStore.class.getClassLoader(),
                new Class<?>[] {CacheStore.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "backend" -> "fake";
                      case "failures" -> 7L;
                      case "breakerState" -> StoreHealth.BreakerState.OPEN;
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    MeteredStore metered = MeteredStore.wrap(failing, registry);

    // the filter tells an outage from a miss by this count: a decorator must not hide it
    assertThat(metered.failures()).isEqualTo(7);
    assertThat(metered.breakerState()).isEqualTo(StoreHealth.BreakerState.OPEN);
  }
}
