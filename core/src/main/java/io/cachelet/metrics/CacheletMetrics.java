package io.cachelet.metrics;

import io.cachelet.Cachelet;
import io.cachelet.cache.Cache;
import io.cachelet.store.CacheStore;
import io.cachelet.store.NearCacheStats;
import io.cachelet.store.StoreHealth.BreakerState;
import io.cachelet.store.StoreMemory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Publishes a {@link Cachelet}'s figures as Micrometer meters. Every cache, including those created
 * after binding, gets:
 *
 * <ul>
 *   <li>{@code cachelet.gets} {@code {cache, result=hit|miss}}: lookups;
 *   <li>{@code cachelet.loads} {@code {cache, result=success|failure}}: loader runs;
 *   <li>{@code cachelet.load.duration} {@code {cache}}: the time loaders took (a function timer);
 *   <li>{@code cachelet.load.coalesced} {@code {cache}}: callers that waited for another's load;
 *   <li>{@code cachelet.errors} {@code {cache}}: store failures the cache saw;
 *   <li>{@code cachelet.decode.failures} {@code {cache}}: stored entries that could not be read;
 *   <li>{@code cachelet.decrypt.failures} {@code {cache}}: encrypted entries that failed to open.
 * </ul>
 *
 * <p>And the store, tagged {@code backend=redis|memory}:
 *
 * <ul>
 *   <li>{@code cachelet.store.breaker.state} {@code {state=closed|open|half_open|none}}: 1 for the
 *       breaker's current state, 0 for the others;
 *   <li>{@code cachelet.store.pool.active}, {@code .idle}, {@code .waiters}, {@code .max}:
 *       connection-pool figures;
 *   <li>{@code cachelet.store.memory.used} and {@code .max} (bytes; max 0 = no limit), {@code
 *       cachelet.store.evictions}: the backend's memory as last read by {@link Cachelet#memory()}
 *       (Redis {@code INFO}, every {@code health.memory-interval}), NaN while unknown.
 * </ul>
 *
 * <p>And, with a near cache, tagged the same: {@code cachelet.near.gets} {@code {result=hit|miss}},
 * {@code cachelet.near.size}, {@code cachelet.near.evictions}, {@code cachelet.near.invalidations},
 * {@code cachelet.near.resyncs}, and {@code cachelet.near.invalidation.lag} (a function timer: from
 * another instance's change to this instance dropping its copies).
 *
 * <p>Store latency and bytes come from {@link MeteredStore}, which wraps the store itself. Every
 * meter reads the live counters when it is scraped; binding costs nothing per cache call.
 */
public final class CacheletMetrics implements MeterBinder {

  private final Cachelet cachelet;
  private final Tags tags;

  private CacheletMetrics(Cachelet cachelet, Tags tags) {
    this.cachelet = cachelet;
    this.tags = tags;
  }

  /** Meters for {@code cachelet}. */
  public static CacheletMetrics of(Cachelet cachelet) {
    return of(cachelet, Tags.empty());
  }

  /** Meters for {@code cachelet}, each carrying {@code tags} as well, e.g. the application. */
  public static CacheletMetrics of(Cachelet cachelet, Iterable<Tag> tags) {
    return new CacheletMetrics(
        Objects.requireNonNull(cachelet, "cachelet"), Tags.of(Objects.requireNonNull(tags)));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    bindStore(registry, cachelet.store());
    cachelet.forEachCache(cache -> bindCache(registry, cache));
  }

  private void bindStore(MeterRegistry registry, CacheStore store) {
    Tags storeTags = tags.and("backend", store.backend());
    for (BreakerState state : BreakerState.values()) {
      Gauge.builder("cachelet.store.breaker.state", store, s -> s.breakerState() == state ? 1 : 0)
          .tags(storeTags.and("state", state.name().toLowerCase(Locale.ROOT)))
          .description("1 for the circuit breaker's current state, 0 for the others")
          .strongReference(true)
          .register(registry);
    }
    poolGauge(registry, store, storeTags, "active", s -> s.poolStats().active());
    poolGauge(registry, store, storeTags, "idle", s -> s.poolStats().idle());
    poolGauge(registry, store, storeTags, "waiters", s -> s.poolStats().waiters());
    poolGauge(registry, store, storeTags, "max", s -> s.poolStats().max());
    memoryGauge(
        registry, storeTags, "used", "Memory the store's backend uses", StoreMemory::usedBytes);
    memoryGauge(
        registry,
        storeTags,
        "max",
        "The backend's memory limit, 0 for none",
        StoreMemory::maxBytes);
    FunctionCounter.builder(
            "cachelet.store.evictions",
            cachelet,
            c -> c.memory().map(m -> (double) m.evictedKeys()).orElse(Double.NaN))
        .tags(storeTags)
        .description("Keys the backend evicted to stay within its memory limit")
        .register(registry);
    if (store.nearCache().isPresent()) {
      bindNearCache(registry, store, storeTags);
    }
  }

  private void memoryGauge(
      MeterRegistry registry,
      Tags tags,
      String figure,
      String description,
      ToLongFunction<StoreMemory> value) {
    Gauge.builder(
            "cachelet.store.memory." + figure,
            cachelet,
            c -> c.memory().map(m -> (double) value.applyAsLong(m)).orElse(Double.NaN))
        .tags(tags)
        .baseUnit(BaseUnits.BYTES)
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private static void bindNearCache(MeterRegistry registry, CacheStore store, Tags tags) {
    String gets = "Near-cache reads";
    nearCounter(registry, "gets", gets, store, tags.and("result", "hit"), NearCacheStats::hits);
    nearCounter(registry, "gets", gets, store, tags.and("result", "miss"), NearCacheStats::misses);
    nearCounter(
        registry,
        "evictions",
        "Local copies dropped to stay within the near cache's bound",
        store,
        tags,
        NearCacheStats::evictions);
    nearCounter(
        registry,
        "invalidations",
        "Invalidations from other instances applied",
        store,
        tags,
        NearCacheStats::invalidations);
    nearCounter(
        registry,
        "resyncs",
        "Times every local copy was dropped because invalidations may have been missed",
        store,
        tags,
        NearCacheStats::resyncs);
    Gauge.builder("cachelet.near.size", store, s -> near(s, NearCacheStats::size))
        .tags(tags)
        .description("Local copies held")
        .strongReference(true)
        .register(registry);
    FunctionTimer.builder(
            "cachelet.near.invalidation.lag",
            store,
            s -> s.nearCache().map(NearCacheStats::lagged).orElse(0L),
            s -> near(s, stats -> stats.lagTotal().toNanos()),
            TimeUnit.NANOSECONDS)
        .tags(tags)
        .description("From another instance's change to this instance dropping its copies")
        .register(registry);
  }

  private static double near(CacheStore store, ToLongFunction<NearCacheStats> figure) {
    return store.nearCache().map(stats -> (double) figure.applyAsLong(stats)).orElse(Double.NaN);
  }

  private static void nearCounter(
      MeterRegistry registry,
      String name,
      String description,
      CacheStore store,
      Tags tags,
      ToLongFunction<NearCacheStats> count) {
    FunctionCounter.builder("cachelet.near." + name, store, s -> near(s, count))
        .tags(tags)
        .description(description)
        .register(registry);
  }

  private static void poolGauge(
      MeterRegistry registry,
      CacheStore store,
      Tags tags,
      String figure,
      ToDoubleFunction<CacheStore> value) {
    Gauge.builder("cachelet.store.pool." + figure, store, value)
        .tags(tags)
        .description("Connection pool: " + figure)
        .strongReference(true)
        .register(registry);
  }

  private void bindCache(MeterRegistry registry, Cache cache) {
    Tags at = tags.and("cache", cache.name());
    String gets = "Cache lookups";
    counter(registry, "cachelet.gets", gets, cache, at.and("result", "hit"), c -> c.stats().hits());
    counter(
        registry, "cachelet.gets", gets, cache, at.and("result", "miss"), c -> c.stats().misses());
    String loads = "Loader runs";
    counter(
        registry,
        "cachelet.loads",
        loads,
        cache,
        at.and("result", "success"),
        c -> c.stats().loads());
    counter(
        registry,
        "cachelet.loads",
        loads,
        cache,
        at.and("result", "failure"),
        c -> c.stats().loadFailures());
    counter(
        registry,
        "cachelet.load.coalesced",
        "Callers that waited for another caller's load of the same key",
        cache,
        at,
        c -> c.stats().coalescedWaits());
    counter(
        registry,
        "cachelet.errors",
        "Store failures the cache saw",
        cache,
        at,
        c -> c.stats().errors());
    counter(
        registry,
        "cachelet.decode.failures",
        "Stored entries that could not be read",
        cache,
        at,
        c -> c.stats().decodeFailures());
    counter(
        registry,
        "cachelet.decrypt.failures",
        "Encrypted entries that failed to open and were served as misses",
        cache,
        at,
        c -> c.stats().decryptFailures());
    FunctionTimer.builder(
            "cachelet.load.duration",
            cache,
            c -> c.stats().loads() + c.stats().loadFailures(),
            c -> c.stats().loadTime().toNanos(),
            TimeUnit.NANOSECONDS)
        .tags(at)
        .description("Time spent in loaders")
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      String description,
      Cache cache,
      Tags tags,
      ToDoubleFunction<Cache> count) {
    FunctionCounter.builder(name, cache, count)
        .tags(tags)
        .description(description)
        .register(registry);
  }
}
