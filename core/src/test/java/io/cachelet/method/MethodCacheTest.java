package io.cachelet.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachelet.Cachelet;
import io.cachelet.annotation.CacheEvict;
import io.cachelet.annotation.Cacheable;
import io.cachelet.cache.Cache;
import io.cachelet.config.CacheletConfig;
import io.cachelet.store.CacheStore;
import io.cachelet.store.StoreStateListener;
import io.cachelet.store.StoreUnavailableException;
import io.cachelet.store.memory.MemoryStore;
import io.cachelet.testing.TestClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine without any container: what the adapters rely on. */
class MethodCacheTest {

  /** The annotated methods the engine is run over. */
  public static class Quotes {
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch entered = new CountDownLatch(0);
    volatile CountDownLatch release = new CountDownLatch(0);

    @Cacheable(cache = "quotes", distributedLock = true)
    public String locked(String symbol) throws InterruptedException {
      calls.incrementAndGet();
      entered.countDown();
      release.await(10, TimeUnit.SECONDS);
      return symbol + "@" + calls.get();
    }

    @Cacheable(cache = "fresh", ttl = "1m", staleTtl = "1h")
    public String refreshing(String symbol) throws InterruptedException {
      int call = calls.incrementAndGet();
      entered.countDown();
      release.await(10, TimeUnit.SECONDS);
      return symbol + "#" + call;
    }

    @Cacheable(cache = "plain")
    public String plain(String symbol) {
      return symbol + "!" + calls.incrementAndGet();
    }

    @CacheEvict(cache = "plain")
    public void forget(String symbol) {}
  }

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private MethodCache engine(CacheStore store) {
    Cachelet cachelet =
        Cachelet.create(
            CacheletConfig.builder().loadWait(Duration.ofSeconds(5)).build(), store, clock);
    MethodCache engine = MethodCache.create(cachelet);
    closing.add(engine);
    return engine;
  }

  private static Object call(MethodCache engine, Object target, String name, Object... args) {
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

  @Test
  void aDistributedLockLetsOneOfTwoInstancesRunTheMethod() throws Exception {
    MemoryStore shared = MemoryStore.create(1 << 20);
    MethodCache first = engine(shared);
    MethodCache second = engine(nonClosing(shared));
    Quotes quotes = new Quotes();
    quotes.entered = new CountDownLatch(1);
    quotes.release = new CountDownLatch(1);

    CompletableFuture<Object> a =
        CompletableFuture.supplyAsync(() -> call(first, quotes, "locked", "ACME"));
    assertThat(quotes.entered.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Object> b =
        CompletableFuture.supplyAsync(() -> call(second, quotes, "locked", "ACME"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (second.stats("quotes").misses() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    quotes.release.countDown();

    assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo("ACME@1");
    assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("ACME@1");
    assertThat(quotes.calls).hasValue(1);
  }

  @Test
  void whileOneCallerRefreshesAnExpiredEntryTheOthersGetTheStaleCopy() throws Exception {
    MethodCache engine = engine(MemoryStore.create(1 << 20));
    Quotes quotes = new Quotes();
    assertThat(call(engine, quotes, "refreshing", "X")).isEqualTo("X#1");
    clock.advance(Duration.ofMinutes(2));
    quotes.entered = new CountDownLatch(1);
    quotes.release = new CountDownLatch(1);

    CompletableFuture<Object> refresher =
        CompletableFuture.supplyAsync(() -> call(engine, quotes, "refreshing", "X"));
    assertThat(quotes.entered.await(5, TimeUnit.SECONDS)).isTrue();
    Object other = call(engine, quotes, "refreshing", "X");
    quotes.release.countDown();

    assertThat(other).isEqualTo("X#1");
    assertThat(refresher.get(5, TimeUnit.SECONDS)).isEqualTo("X#2");
    assertThat(call(engine, quotes, "refreshing", "X")).isEqualTo("X#2");
    assertThat(engine.stats("fresh").staleServed()).isEqualTo(1);
  }

  @Test
  void whileTheStoreIsDownMethodsRunAndNothingFails() {
    AtomicBoolean down = new AtomicBoolean();
    MethodCache engine = engine(switchable(MemoryStore.create(1 << 20), down));
    Quotes quotes = new Quotes();
    call(engine, quotes, "plain", "A");

    down.set(true);
    assertThat(call(engine, quotes, "plain", "B")).isEqualTo("B!2");
    assertThat(call(engine, quotes, "plain", "B")).isEqualTo("B!3");
    down.set(false);

    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!1");
    assertThat(engine.stats("plain").errors()).isPositive();
  }

  @Test
  void anEvictionMissedDuringAnOutageIsMadeSafeWhenTheStoreIsBack() {
    AtomicBoolean down = new AtomicBoolean();
    MethodCache engine = engine(switchable(MemoryStore.create(1 << 20), down));
    Quotes quotes = new Quotes();
    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!1");

    down.set(true);
    call(engine, quotes, "forget", "A");
    down.set(false);

    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!2");
    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!2");
  }

  @Test
  void anEvictionAStoreDroppedSilentlyIsMadeSafeWhenItReportsRecovery() {
    AtomicBoolean dropping = new AtomicBoolean();
    List<StoreStateListener> listeners = new ArrayList<>();
    MethodCache engine = engine(silentlyDropping(MemoryStore.create(1 << 20), dropping, listeners));
    Quotes quotes = new Quotes();
    call(engine, quotes, "plain", "A");

    // a store behind a breaker hides its failures: the eviction is lost without a trace...
    dropping.set(true);
    call(engine, quotes, "forget", "A");
    // ...then the breaker opens, and later closes again
    listeners.forEach(StoreStateListener::storeDown);
    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!2");
    dropping.set(false);
    listeners.forEach(StoreStateListener::storeRecovered);

    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!3");
    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!3");
  }

  /**
   * {@code store}, answering every call as a circuit-breaker decorator does while {@code dropping}
   * is set (reads miss, writes vanish, counters answer 0), and collecting state listeners.
   */
  private static CacheStore silentlyDropping(
      CacheStore store, AtomicBoolean dropping, List<StoreStateListener> listeners) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "addStateListener" -> {
              listeners.add((StoreStateListener) args[0]);
              return null;
            }
            case "close" -> {
              return method.invoke(store, args);
            }
            default -> {
              if (dropping.get()) {
                Class<?> type = method.getReturnType();
                return type == boolean.class
                    ? false
                    : type == long.class ? 0L : type == Optional.class ? Optional.empty() : null;
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }
          }
        };
    return (CacheStore)
        Proxy.newProxyInstance(
            CacheStore.class.getClassLoader(), new Class<?>[] {CacheStore.class}, handler);
  }

  @Test
  void aGenerationReadTheStoreSilentlyDroppedDoesNotResurrectEvictedEntries() throws Exception {
    AtomicBoolean dropGenerationReads = new AtomicBoolean();
    MemoryStore memory = MemoryStore.create(1 << 20);
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (dropGenerationReads.get()
              && method.getName().equals("get")
              && ((String) args[0]).contains(":method-generation:")) {
            return null; // what a circuit-breaker decorator answers for a failed read
          }
          try {
            return method.invoke(memory, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    MethodCache engine =
        engine(
            (CacheStore)
                Proxy.newProxyInstance(
                    CacheStore.class.getClassLoader(), new Class<?>[] {CacheStore.class}, handler));
    Quotes quotes = new Quotes();
    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!1");
    engine.cache("plain").evictAll();
    assertThat(call(engine, quotes, "plain", "A")).isEqualTo("A!2");

    // past the generation's refresh period, one read of the counter fails silently
    Thread.sleep(Cache.GENERATION_REFRESH.toMillis() + 100);
    dropGenerationReads.set(true);
    Object answer = call(engine, quotes, "plain", "A");
    dropGenerationReads.set(false);

    assertThat(answer).isEqualTo("A!2");
  }

  /**
   * {@code store}, failing every call on the backend with "unavailable" while {@code down} is set;
   * its own figures ({@code failures}, {@code breakerState}) and {@code close} still answer.
   */
  private static CacheStore switchable(CacheStore store, AtomicBoolean down) {
    Set<String> local = Set.of("close", "failures", "breakerState");
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (down.get() && !local.contains(method.getName())) {
            throw new StoreUnavailableException("store down (test)", null);
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (CacheStore)
        Proxy.newProxyInstance(
            CacheStore.class.getClassLoader(), new Class<?>[] {CacheStore.class}, handler);
  }

  /** A second client of {@code store}: the same data, as another instance would see it. */
  private static CacheStore nonClosing(CacheStore store) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (CacheStore)
        Proxy.newProxyInstance(
            CacheStore.class.getClassLoader(), new Class<?>[] {CacheStore.class}, handler);
  }
}
