package io.cachelet.cdi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.cache.CachedValue;
import io.cachelet.method.MethodCache;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CdiMethodCachingTest {

  private static final String PRODUCTS_TTL = "cachelet.cache.products.ttl";

  private static WeldContainer weld;
  private static Catalog catalog;
  private static Cachelet cachelet;

  @BeforeAll
  static void start() {
    // a configuration override of one cache's TTL, read when the engine starts
    System.setProperty(PRODUCTS_TTL, "30m");
    weld = WeldContainers.start(Catalog.class, Catalog.Inner.class, Accounts.class);
    catalog = weld.select(Catalog.class).get();
    cachelet = weld.select(Cachelet.class).get();
  }

  @AfterAll
  static void stop() {
    weld.shutdown();
    System.clearProperty(PRODUCTS_TTL);
  }

  @Test
  void aReadThroughMethodRunsOnceAndThenAnswersFromTheCache() {
    int before = catalog.calls("find");
    Product first = catalog.find("read-1");
    Product second = catalog.find("read-1");

    assertThat(second).isEqualTo(first).isEqualTo(Catalog.product("read-1"));
    assertThat(catalog.calls("find")).isEqualTo(before + 1);
  }

  private static Duration freshFor(String cache, String key, Class<?> type) {
    CachedValue<?> cached = cachelet.cache(cache).get(MethodCache.key(key), type).orElseThrow();
    return Duration.between(TestCacheletProducer.CLOCK.instant(), cached.freshUntil());
  }

  @Test
  void classDefaultsGiveTheCacheNameAndTtlAndANullGetsItsOwnTtl() {
    Accounts accounts = weld.select(Accounts.class).get();

    accounts.find("acc-1");
    accounts.find("missing-1");
    accounts.find("missing-1");

    assertThat(accounts.loads()).isEqualTo(2);
    assertThat(freshFor("accounts", "acc-1", Accounts.Account.class))
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(freshFor("accounts", "missing-1", Accounts.Account.class))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aPutHonoursItsConditionUnlessAndTtl() {
    Accounts accounts = weld.select(Accounts.class).get();

    accounts.update(new Accounts.Account("put-ok", 5));
    accounts.update(new Accounts.Account("put-negative", -5));
    accounts.update(new Accounts.Account("put-rich", 5_000_000));

    assertThat(freshFor("accounts", "put-ok", Accounts.Account.class))
        .isBetween(Duration.ofMinutes(7), Duration.ofMinutes(7).plusSeconds(1));
    assertThat(
            cachelet.cache("accounts").get(MethodCache.key("put-negative"), Accounts.Account.class))
        .isEmpty();
    assertThat(cachelet.cache("accounts").get(MethodCache.key("put-rich"), Accounts.Account.class))
        .isEmpty();
  }

  @Test
  void anEvictionHonoursItsCondition() {
    Accounts accounts = weld.select(Accounts.class).get();
    accounts.find("protected");
    accounts.find("closing");
    int before = accounts.loads();

    accounts.close("protected");
    accounts.close("closing");
    accounts.find("protected");
    accounts.find("closing");

    assertThat(accounts.loads()).isEqualTo(before + 1);
  }

  @Test
  void theConfigurationOverridesTheTtlOfTheAnnotation() {
    catalog.find("ttl-1");
    Optional<CachedValue<Product>> cached =
        cachelet.cache("products").get(MethodCache.key("ttl-1"), Product.class);

    Instant now = TestCacheletProducer.CLOCK.instant();
    assertThat(cached).isPresent();
    assertThat(Duration.between(now, cached.get().freshUntil())).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aPutReplacesTheEntryAndAnEvictRemovesIt() {
    catalog.find("put-1");
    int before = catalog.calls("find");
    Product renamed = new Product("put-1", "renamed", BigDecimal.TEN);

    catalog.save(renamed);
    assertThat(catalog.find("put-1")).isEqualTo(renamed);
    assertThat(catalog.calls("find")).isEqualTo(before);

    catalog.remove("put-1");
    assertThat(catalog.find("put-1")).isEqualTo(Catalog.product("put-1"));
    assertThat(catalog.calls("find")).isEqualTo(before + 1);
  }

  @Test
  void evictingAllEntriesBumpsTheGenerationInsteadOfScanning() {
    catalog.find("all-1");
    catalog.find("all-2");
    int before = catalog.calls("find");
    String generationKey = cachelet.keyBuilder().key("method-generation", "products", "current");
    byte[] generationBefore = cachelet.store().get(generationKey);

    catalog.removeAll();

    catalog.find("all-1");
    catalog.find("all-2");
    assertThat(catalog.calls("find")).isEqualTo(before + 2);
    long was = generationBefore == null ? 0 : Long.parseLong(new String(generationBefore, UTF_8));
    assertThat(new String(cachelet.store().get(generationKey), UTF_8))
        .isEqualTo(Long.toString(was + 1));
  }

  @Test
  void anEvictionBeforeInvocationHappensEvenWhenTheMethodThrows() {
    catalog.find("before-1");
    int before = catalog.calls("find");

    assertThatThrownBy(() -> catalog.removeThenFail("before-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("failed after the eviction");

    catalog.find("before-1");
    assertThat(catalog.calls("find")).isEqualTo(before + 1);
  }

  @Test
  void anEvictionAfterInvocationDoesNotHappenWhenTheMethodThrows() {
    catalog.find("after-1");
    int before = catalog.calls("find");

    assertThatThrownBy(() -> catalog.failThenRemove("after-1"))
        .isInstanceOf(IllegalStateException.class);

    catalog.find("after-1");
    assertThat(catalog.calls("find")).isEqualTo(before);
  }

  @Test
  void genericReturnTypesAreReadBackAsDeclared() {
    List<Product> first = catalog.byCategory("tools");
    List<Product> second = catalog.byCategory("tools");
    Map<String, Integer> stock = catalog.stock(Set.of("b", "aa"));
    Map<String, Integer> again = catalog.stock(new LinkedHashSet<>(List.of("aa", "b")));

    assertThat(second).isEqualTo(first);
    assertThat(second.get(0)).isInstanceOf(Product.class);
    assertThat(again).isEqualTo(stock).isEqualTo(Map.of("aa", 2, "b", 1));
    assertThat(catalog.calls("byCategory")).isEqualTo(1);
  }

  @Test
  void anEmptyOptionalIsCachedAndDiffersFromAMiss() {
    assertThat(catalog.lookup("none-1")).isEmpty();
    assertThat(catalog.lookup("none-1")).isEmpty();
    assertThat(catalog.lookup("some-1")).contains(Catalog.product("some-1"));
    assertThat(catalog.lookup("some-1")).contains(Catalog.product("some-1"));

    assertThat(catalog.calls("lookup")).isEqualTo(2);
  }

  @Test
  void aNullResultIsCachedUnlessTheAnnotationSaysNot() {
    assertThat(catalog.nullable("n-1")).isNull();
    assertThat(catalog.nullable("n-1")).isNull();
    assertThat(catalog.nullNotCached("n-1")).isNull();
    assertThat(catalog.nullNotCached("n-1")).isNull();

    assertThat(catalog.calls("nullable")).isEqualTo(1);
    assertThat(catalog.calls("nullNotCached")).isEqualTo(2);
  }

  @Test
  void twoMethodsWithTheSameParametersNeverShareEntriesByDefault() {
    assertThat(catalog.count("abc")).isEqualTo(3);
    assertThat(catalog.other("abc")).isEqualTo(-3);
    assertThat(catalog.count("abc")).isEqualTo(3);
    assertThat(catalog.other("abc")).isEqualTo(-3);
  }

  @Test
  void keyConditionAndUnlessExpressionsApply() {
    catalog.priced("cheap", BigDecimal.ONE);
    catalog.priced("cheap", BigDecimal.TEN);
    String cache = "io.cachelet.cdi.Catalog.priced(java.lang.String,java.math.BigDecimal)";
    assertThat(cachelet.cache(cache).get(MethodCache.key("sku:cheap"), Product.class)).isPresent();
    int afterKey = catalog.calls("priced");

    catalog.priced("live", BigDecimal.ONE);
    catalog.priced("live", BigDecimal.ONE);
    catalog.priced("dear", new BigDecimal("500"));
    catalog.priced("dear", new BigDecimal("500"));

    assertThat(afterKey).isEqualTo(1);
    assertThat(catalog.calls("priced")).isEqualTo(5);
  }

  @Test
  void onlyTheCacheKeyParametersMakeTheKey() {
    assertThat(catalog.region("eu", "trace-1")).isEqualTo("eu/trace-1");
    assertThat(catalog.region("eu", "trace-2")).isEqualTo("eu/trace-1");
    assertThat(catalog.calls("region")).isEqualTo(1);
  }

  @Test
  void aCheckedExceptionPassesThroughUnchangedAndIsNotCached() throws IOException {
    catalog.failing(true);
    try {
      assertThatThrownBy(() -> catalog.checked("chk-1"))
          .isExactlyInstanceOf(IOException.class)
          .hasMessage("origin down for chk-1");
    } finally {
      catalog.failing(false);
    }
    assertThat(catalog.checked("chk-1")).isEqualTo(Catalog.product("chk-1"));
    assertThat(catalog.calls("checked")).isEqualTo(2);
  }

  @Test
  void aStaleCopyIsServedWhenTheMethodFails() throws IOException {
    Product fresh = catalog.staleable("stale-1");
    TestCacheletProducer.CLOCK.advance(Duration.ofMinutes(2));
    catalog.failing(true);
    Product served;
    try {
      served = catalog.staleable("stale-1");
    } finally {
      catalog.failing(false);
    }

    assertThat(served).isEqualTo(fresh);
    assertThat(catalog.calls("staleable")).isEqualTo(2);
    String cache = "io.cachelet.cdi.Catalog.staleable(java.lang.String)";
    assertThat(cachelet.cache(cache).stats().staleServed()).isEqualTo(1);
  }

  @Test
  void aHundredConcurrentMissesForOneKeyRunTheMethodOnce() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    catalog.gate(gate);
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      CountDownLatch ready = new CountDownLatch(100);
      List<Future<Product>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  return catalog.slow("herd-1");
                }));
      }
      ready.await(10, TimeUnit.SECONDS);
      String cache = "io.cachelet.cdi.Catalog.slow(java.lang.String)";
      // release the one running call once every other caller is queued behind it
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (cachelet.cache(cache).stats().coalescedWaits() < 99 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      gate.countDown();
      for (Future<Product> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(Catalog.product("herd-1"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(catalog.calls("slow")).isEqualTo(1);
  }

  @Test
  void anAsyncResultIsCachedOnceCompleted() throws Exception {
    CompletableFuture<Product> first = catalog.async("async-1");
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(Catalog.product("async-1"));
    CompletableFuture<Product> second = catalog.async("async-1");

    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(Catalog.product("async-1"));
    assertThat(catalog.calls("async")).isEqualTo(1);
  }

  @Test
  void concurrentAsyncMissesForOneKeyRunTheMethodOnce() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    catalog.gate(gate);
    List<CompletableFuture<Product>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(catalog.asyncGated("async-herd"));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (catalog.calls("asyncGated") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    gate.countDown();

    for (CompletableFuture<Product> call : calls) {
      assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(Catalog.product("async-herd"));
    }
    assertThat(catalog.asyncGated("async-herd").get(5, TimeUnit.SECONDS))
        .isEqualTo(Catalog.product("async-herd"));
    assertThat(catalog.calls("asyncGated")).isEqualTo(1);
    String cache = "io.cachelet.cdi.Catalog.asyncGated(java.lang.String)";
    assertThat(cachelet.cache(cache).stats().loads()).isEqualTo(1);
    assertThat(cachelet.cache(cache).stats().hits()).isPositive();
  }

  @Test
  void aFailedStageIsNotCached() throws Exception {
    catalog.failing(true);
    try {
      assertThatThrownBy(
              () -> catalog.asyncList("async-2").toCompletableFuture().get(5, TimeUnit.SECONDS))
          .hasRootCauseExactlyInstanceOf(IOException.class)
          .hasRootCauseMessage("async origin down");
    } finally {
      catalog.failing(false);
    }
    List<Product> value =
        catalog.asyncList("async-2").toCompletableFuture().get(5, TimeUnit.SECONDS);
    List<Product> cached =
        catalog.asyncList("async-2").toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(cached).isEqualTo(value).containsExactly(Catalog.product("async-2"));
    assertThat(catalog.calls("asyncList")).isEqualTo(2);
  }

  @Test
  void aTtlCanReferToAPropertyWithADefaultAndGetsJitter() {
    catalog.shortLived("short-1");
    String cache = "io.cachelet.cdi.Catalog.shortLived(java.lang.String)";
    CachedValue<Product> cached =
        cachelet.cache(cache).get(MethodCache.key("short-1"), Product.class).orElseThrow();

    Duration ttl = Duration.between(TestCacheletProducer.CLOCK.instant(), cached.freshUntil());
    assertThat(ttl).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(10));
  }

  @Test
  void nestedCachedCallsAreEachCached() {
    assertThat(catalog.outer("n-1")).isEqualTo("outer(inner n-1)");
    assertThat(catalog.outer("n-1")).isEqualTo("outer(inner n-1)");
    assertThat(catalog.inner().inner("n-1")).isEqualTo("inner n-1");

    assertThat(catalog.calls("outer")).isEqualTo(1);
    assertThat(catalog.inner().calls()).isEqualTo(1);
  }

  @Test
  void theInjectedEntryPointReadsWhatTheAnnotationsWrote() {
    catalog.find("api-1");
    Cache products = weld.select(Cachelet.class).get().cache("products");

    assertThat(products.get(MethodCache.key("api-1"), Product.class))
        .map(CachedValue::value)
        .contains(Catalog.product("api-1"));
    products.evict(MethodCache.key("api-1"));
    int before = catalog.calls("find");
    catalog.find("api-1");
    assertThat(catalog.calls("find")).isEqualTo(before + 1);
  }

  @Test
  void anUnreadableEntryIsAMissThatIsDeletedAndCounted() {
    String cache = "io.cachelet.cdi.Catalog.count(java.lang.String)";
    String storeKey =
        cachelet.keyBuilder().key(Cache.AREA, cache, "v0:" + MethodCache.key("bad-1"));
    cachelet.store().put(storeKey, "not an entry".getBytes(UTF_8), Duration.ofMinutes(1));
    int before = catalog.calls("count");

    assertThat(catalog.count("bad-1")).isEqualTo(5);

    assertThat(catalog.calls("count")).isEqualTo(before + 1);
    assertThat(cachelet.cache(cache).stats().decodeFailures()).isEqualTo(1);
  }

  @Test
  void statisticsCountHitsMissesAndLoads() {
    catalog.byCategory("stats");
    catalog.byCategory("stats");
    String cache = "io.cachelet.cdi.Catalog.byCategory(java.lang.String)";
    var stats = weld.select(MethodCache.class).get().stats(cache);

    assertThat(stats.hits()).isGreaterThanOrEqualTo(1);
    assertThat(stats.misses()).isGreaterThanOrEqualTo(1);
    assertThat(stats.loads()).isGreaterThanOrEqualTo(1);
    assertThat(stats.loadTime()).isPositive();
  }
}
