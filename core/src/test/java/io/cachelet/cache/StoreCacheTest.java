package io.cachelet.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cachelet.Cachelet;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreUnavailableException;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.testing.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreCacheTest {

  record Item(String name, int quantity) {}

  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryStore store = MemoryStore.create(16L << 20);
  private final CacheletConfig config =
      CacheletConfig.builder().keyPrefix("test").loadWait(Duration.ofSeconds(10)).build();
  private final Cachelet cachelet = Cachelet.create(config, store, clock);
  private final Cache cache = cachelet.cache("items");
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
    cachelet.close();
  }

  @Test
  void aMissIsEmptyAndAHitCarriesTheValue() {
    assertThat(cache.get("a", Item.class)).isEmpty();
    cache.put("a", new Item("apple", 3));
    assertThat(cache.get("a", Item.class))
        .get()
        .extracting(CachedValue::value)
        .isEqualTo(new Item("apple", 3));
    assertThat(cache.stats().hits()).isEqualTo(1);
    assertThat(cache.stats().misses()).isEqualTo(1);
  }

  @Test
  void aCachedNullIsAHitNotAMiss() {
    cache.put("nobody", null);
    assertThat(cache.get("nobody", Item.class))
        .isPresent()
        .get()
        .extracting(CachedValue::value)
        .isNull();
  }

  @Test
  void aGenericListReadsBackWithItsDeclaredType() {
    List<Item> items = List.of(new Item("a", 1), new Item("b", 2));
    cache.put("list", items);
    assertThat(cache.get("list", new TypeReference<List<Item>>() {}))
        .get()
        .extracting(CachedValue::value)
        .isEqualTo(items);
  }

  @Test
  void anEntryPastItsFreshnessIsAMiss() {
    cache.put("a", new Item("apple", 1), Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(4));
    assertThat(cache.get("a", Item.class)).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(cache.get("a", Item.class)).isEmpty();
  }

  @Test
  void evictAndClearRemoveOnlyThisCachesEntries() {
    Cache other = cachelet.cache("other");
    cache.put("a", new Item("a", 1));
    cache.put("b", new Item("b", 1));
    other.put("a", new Item("other", 1));
    assertThat(cache.evict("a")).isTrue();
    assertThat(cache.evict("a")).isFalse();
    assertThat(cache.clear()).isEqualTo(1);
    assertThat(cache.get("b", Item.class)).isEmpty();
    assertThat(other.get("a", Item.class)).isPresent();
  }

  @Test
  void theSameNameGivesTheSameCache() {
    assertThat(cachelet.cache("items")).isSameAs(cache);
  }

  @Test
  void garbageUnderACacheKeyIsAMissThatIsCountedAndDeleted() {
    // entries live under the cache's generation, 0 until evictAll() bumps it
    String storeKey = cachelet.keyBuilder().key(Cache.AREA, "items", "v0:junk");
    store.put(storeKey, "not an entry".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
    assertThat(cache.get("junk", Item.class)).isEmpty();
    assertThat(cache.stats().decodeFailures()).isEqualTo(1);
    assertThat(store.exists(storeKey)).isFalse();
  }

  @Test
  void anEntryWrittenForAnotherShapeIsAMissAndTheLoaderRuns() {
    cache.put("a", List.of("not", "an", "item"));
    assertThat(cache.getOrLoad("a", Item.class, () -> new Item("fresh", 1)))
        .isEqualTo(new Item("fresh", 1));
    assertThat(cache.stats().decodeFailures()).isEqualTo(1);
    assertThat(cache.get("a", Item.class))
        .get()
        .extracting(CachedValue::value)
        .isEqualTo(new Item("fresh", 1));
  }

  @Test
  void getOrLoadLoadsOnceThenServesTheCachedValue() {
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThat(cache.getOrLoad("k", Item.class, () -> new Item("v", calls.incrementAndGet())))
          .isEqualTo(new Item("v", 1));
    }
    assertThat(calls).hasValue(1);
    assertThat(cache.stats().loads()).isEqualTo(1);
  }

  @Test
  void aLoadedNullIsCachedToo() {
    AtomicInteger calls = new AtomicInteger();
    cache.getOrLoad(
        "k",
        Item.class,
        () -> {
          calls.incrementAndGet();
          return null;
        });
    assertThat(cache.getOrLoad("k", Item.class, () -> new Item("late", 1))).isNull();
    assertThat(calls).hasValue(1);
  }

  @Test
  void aHundredConcurrentMissesRunTheLoaderOnce() throws Exception {
    int threads = 100;
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch allStarted = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Item>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(
          pool.submit(
              () -> {
                allStarted.countDown();
                return cache.getOrLoad(
                    "hot",
                    Item.class,
                    () -> {
                      calls.incrementAndGet();
                      release.await(10, TimeUnit.SECONDS);
                      return new Item("hot", 1);
                    });
              }));
    }
    assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
    // let the stragglers reach the single flight while the leader is still loading
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cache.stats().coalescedWaits() + cache.stats().hits() < threads - 1
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    release.countDown();
    for (Future<Item> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new Item("hot", 1));
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void aWaiterStopsWaitingForAHungLoaderAndLoadsItself() throws Exception {
    Cache impatient =
        Cachelet.create(config.toBuilder().loadWait(Duration.ofMillis(100)).build(), store, clock)
            .cache("impatient");
    CountDownLatch leaderStarted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    pool.submit(
        () ->
            impatient.getOrLoad(
                "k",
                Item.class,
                () -> {
                  leaderStarted.countDown();
                  never.await(30, TimeUnit.SECONDS);
                  return new Item("leader", 1);
                }));
    assertThat(leaderStarted.await(5, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    Item mine = impatient.getOrLoad("k", Item.class, () -> new Item("waiter", 2));
    assertThat(mine).isEqualTo(new Item("waiter", 2));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(impatient.stats().waitTimeouts()).isEqualTo(1);
    never.countDown();
  }

  @Test
  void aFailingLoaderIsNotCachedAndItsExceptionReachesTheCaller() {
    IllegalStateException boom = new IllegalStateException("origin down");
    assertThatThrownBy(
            () ->
                cache.getOrLoad(
                    "k",
                    Item.class,
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(cache.get("k", Item.class)).isEmpty();
    assertThat(cache.stats().loadFailures()).isEqualTo(1);
  }

  @Test
  void aCheckedLoaderExceptionArrivesAsTheCause() {
    IOException io = new IOException("disk");
    assertThatThrownBy(
            () ->
                cache.getOrLoad(
                    "k",
                    Item.class,
                    () -> {
                      throw io;
                    }))
        .isInstanceOf(CacheLoadException.class)
        .hasCause(io);
  }

  @Test
  void aFailingStoreIsAMissAndADroppedWriteNeverAnException() {
    CacheStore broken = mock(CacheStore.class);
    StoreUnavailableException down = new StoreUnavailableException("down", null);
    when(broken.get(anyString())).thenThrow(down);
    when(broken.delete(anyString())).thenThrow(down);
    when(broken.clear(anyString())).thenThrow(down);
    doThrow(down).when(broken).put(anyString(), any(), any());
    Cache onBroken = Cachelet.create(config, broken, clock).cache("c");

    assertThat(onBroken.get("k", Item.class)).isEmpty();
    onBroken.put("k", new Item("x", 1));
    assertThat(onBroken.evict("k")).isFalse();
    assertThat(onBroken.clear()).isZero();
    assertThat(onBroken.getOrLoad("k", Item.class, () -> new Item("origin", 1)))
        .isEqualTo(new Item("origin", 1));
    // one per failed store call: the generation reads of get, put and evict, clear, and the
    // generation bump the failed evict left pending, which getOrLoad tries first; until that
    // bump lands the cache neither reads nor writes the store
    assertThat(onBroken.stats().errors()).isEqualTo(5);
  }
}
