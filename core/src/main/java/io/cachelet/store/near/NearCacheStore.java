package io.cachelet.store.near;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.cachelet.key.Glob;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ChangeStamps;
import io.cachelet.store.ForwardingStore;
import io.cachelet.store.Invalidation;
import io.cachelet.store.InvalidationBus;
import io.cachelet.store.NearCacheStats;
import io.cachelet.store.SizeEvictions;
import io.cachelet.store.StoreStateListener;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store with an in-process copy of the values it reads and writes, in front of another store
 * (usually Redis behind a circuit breaker).
 *
 * <p><b>Coherence.</b> Every change made through this store — put, delete, clear, lock release,
 * counter increment, set addition — is published on the {@link InvalidationBus}; other instances
 * drop their copies of those keys, and their own echoes are ignored. Delivery is at most once, so
 * every copy is dropped when the subscription (re)connects and when the store behind {@link
 * #storeRecovered recovers}. A copy is never served longer than the {@link NearCacheLimits#ttlCap()
 * TTL cap}, nor longer than the entry's own remaining TTL: that is the bound on staleness whatever
 * is lost, including writes by programs that don't use Cachelet.
 *
 * <p><b>The load race.</b> A read that misses locally goes to the store; if another instance's
 * invalidation of that key arrives while the read is in flight, the value read may already be
 * stale. So each read notes an invalidation epoch before it asks the store, and its copy is kept
 * only if no invalidation touched the key in between (checked after the copy is stored, so an
 * invalidation arriving at the same time removes it either way).
 *
 * <p><b>Outages.</b> Local copies are served first, so while the store is down (its reads are
 * misses) this instance keeps serving what it holds, each copy within its cap. Health, failure
 * counts, breaker state and state listeners are those of the store behind, which is the one that
 * can tell.
 *
 * <p>Only byte values are copied; sets, TTLs, scans and counters written by {@link #increment} are
 * always read from the store (a counter is copied only when read with {@link #get}). A read that
 * copies a value costs one extra round trip per key, for its remaining TTL, once: {@link #getAll}
 * copies what it reads too, since the filter reads every entry (a head and a body) that way.
 * Thread-safe.
 */
public final class NearCacheStore extends ForwardingStore implements StoreStateListener {

  /** What one local copy costs beyond its key and value bytes, roughly. */
  private static final int ENTRY_OVERHEAD = 64;

  private final InvalidationBus bus;
  private final Duration cap;
  private final long capNanos;
  private final Cache<String, Local> local;
  private final ConcurrentMap<String, Local> map;
  private final ChangeStamps changes = new ChangeStamps();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder resyncs = new LongAdder();
  private final SizeEvictions evictions = new SizeEvictions();
  private final LongAdder lagged = new LongAdder();
  private final LongAdder lagNanos = new LongAdder();

  /** A local copy and how long it may be served from when it was kept. */
  private record Local(byte[] value, Duration lifetime) {}

  private NearCacheStore(
      CacheStore backing, InvalidationBus bus, NearCacheLimits limits, Ticker ticker) {
    super(backing);
    this.bus = bus;
    this.cap = limits.ttlCap();
    this.capNanos = cap.toNanos();
    Caffeine<String, Local> builder =
        Caffeine.newBuilder()
            .ticker(ticker)
            // evict on the caller's thread: the bound holds when a write returns
            .executor(Runnable::run)
            .expireAfter(Expiry.writing((String key, Local copy) -> copy.lifetime))
            .evictionListener(evictions);
    if (limits.maxEntries() > 0) {
      builder.maximumSize(limits.maxEntries());
    } else {
      builder.maximumWeight(limits.maxBytes()).weigher(NearCacheStore::weigh);
    }
    this.local = builder.build();
    this.map = local.asMap();
  }

  /**
   * A near cache in front of {@code backing}, told about other instances' writes by {@code bus},
   * which it starts and, on {@link #close}, closes along with {@code backing}. Time is read from
   * {@code ticker}.
   */
  public static NearCacheStore create(
      CacheStore backing, InvalidationBus bus, NearCacheLimits limits, Ticker ticker) {
    NearCacheStore store =
        new NearCacheStore(
            Objects.requireNonNull(backing, "backing"),
            Objects.requireNonNull(bus, "bus"),
            Objects.requireNonNull(limits, "limits"),
            Objects.requireNonNull(ticker, "ticker"));
    bus.start(store.new BusListener());
    return store;
  }

  private static int weigh(String key, Local copy) {
    return (int)
        Math.min(Integer.MAX_VALUE, ENTRY_OVERHEAD + 2L * key.length() + copy.value.length);
  }

  /** Applies what other instances publish. */
  private final class BusListener implements InvalidationBus.Listener {
    @Override
    public void invalidated(Invalidation invalidation, Optional<Duration> lag) {
      invalidation.pattern().ifPresent(NearCacheStore.this::dropMatching);
      invalidation.storeKeys().forEach(NearCacheStore.this::drop);
      invalidations.increment(); // counted once applied, like resyncs
      lag.ifPresent(
          took -> {
            lagNanos.add(took.toNanos());
            lagged.increment();
          });
    }

    @Override
    public void resync() {
      dropAll();
    }
  }

  // --- local copies

  private void drop(String key) {
    changes.changed(key);
    map.remove(key);
  }

  private void dropMatching(String pattern) {
    changes.changedAll();
    map.keySet().removeIf(key -> Glob.matches(pattern, key));
  }

  private void dropAll() {
    changes.changedAll();
    local.invalidateAll();
    resyncs.increment(); // counted once done, so whoever sees the count sees the cache empty
  }

  /**
   * Keeps a copy of {@code value} for at most {@code lifetime} (capped), unless the key was
   * invalidated since {@code stamp} was taken. The check runs after the copy is stored, so an
   * invalidation racing with it either sees the copy and removes it, or is seen here.
   */
  private void keep(String key, byte[] value, Duration lifetime, long stamp) {
    // NO_EXPIRY (a counter) and every TTL longer than the cap get the cap
    long nanos = lifetime.compareTo(cap) >= 0 ? capNanos : lifetime.toNanos();
    if (nanos <= 0 || changes.changedSince(key, stamp)) {
      return;
    }
    Local copy = new Local(value.clone(), Duration.ofNanos(nanos));
    map.put(key, copy);
    if (changes.changedSince(key, stamp)) {
      map.remove(key, copy);
    }
  }

  private byte[] copyOf(String key) {
    Local copy = local.getIfPresent(key);
    return copy == null ? null : copy.value;
  }

  private void publish(Collection<String> keys) {
    if (!keys.isEmpty()) {
      bus.publish(Invalidation.ofKeys(List.copyOf(keys)));
    }
  }

  // --- reads

  @Override
  public byte[] get(String key) {
    byte[] copy = copyOf(key);
    if (copy != null) {
      hits.increment();
      return copy.clone();
    }
    misses.increment();
    long stamp = changes.stamp(key);
    byte[] value = delegate.get(key);
    if (value != null) {
      keepRead(key, value, stamp);
    }
    return value;
  }

  /** Keeps a copy of a value just read from the store, for what its TTL there has left. */
  private void keepRead(String key, byte[] value, long stamp) {
    delegate.ttl(key).ifPresent(ttl -> keep(key, value, ttl, stamp));
  }

  @Override
  public Map<String, byte[]> getAll(Collection<String> keys) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    Map<String, Long> stamps = new LinkedHashMap<>();
    for (String key : new LinkedHashSet<>(keys)) {
      byte[] copy = copyOf(key);
      if (copy != null) {
        hits.increment();
        found.put(key, copy.clone());
      } else {
        misses.increment();
        stamps.put(key, changes.stamp(key));
      }
    }
    if (!stamps.isEmpty()) {
      Map<String, byte[]> read = delegate.getAll(stamps.keySet());
      read.forEach((key, value) -> keepRead(key, value, stamps.get(key)));
      found.putAll(read);
    }
    return found;
  }

  @Override
  public boolean exists(String key) {
    return copyOf(key) != null || delegate.exists(key);
  }

  // --- writes: drop the local copy before and after (so that no read in between keeps an older
  // value), then tell the other instances

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    Objects.requireNonNull(value, "value");
    drop(key);
    long stamp = changes.stamp(key);
    try {
      delegate.put(key, value, ttl);
    } finally {
      drop(key);
      publish(List.of(key));
    }
    // our own second drop moved the stamp by one; anything more is someone else's invalidation
    keep(key, value, ttl, stamp + 1);
  }

  @Override
  public void putAll(Map<String, byte[]> entries, Duration ttl) {
    entries.values().forEach(value -> Objects.requireNonNull(value, "value"));
    entries.keySet().forEach(this::drop);
    Map<String, Long> stamps = new LinkedHashMap<>();
    entries.keySet().forEach(key -> stamps.put(key, changes.stamp(key)));
    try {
      delegate.putAll(entries, ttl);
    } finally {
      entries.keySet().forEach(this::drop);
      publish(entries.keySet());
    }
    // two keys of one batch sharing a stripe both skip their copy: harmless
    entries.forEach((key, value) -> keep(key, value, ttl, stamps.get(key) + 1));
  }

  /** Not copied locally: keys written this way are locks, whose value is of no use to readers. */
  @Override
  public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
    drop(key);
    boolean stored = delegate.putIfAbsent(key, value, ttl);
    drop(key);
    if (stored) {
      publish(List.of(key));
    }
    return stored;
  }

  @Override
  public boolean deleteIfEquals(String key, byte[] expected) {
    drop(key);
    boolean deleted = delegate.deleteIfEquals(key, expected);
    drop(key);
    if (deleted) {
      publish(List.of(key));
    }
    return deleted;
  }

  @Override
  public boolean delete(String key) {
    drop(key);
    try {
      return delegate.delete(key);
    } finally {
      drop(key);
      publish(List.of(key));
    }
  }

  @Override
  public long deleteAll(Collection<String> keys) {
    Set<String> distinct = new LinkedHashSet<>(keys);
    distinct.forEach(this::drop);
    try {
      return delegate.deleteAll(distinct);
    } finally {
      distinct.forEach(this::drop);
      publish(distinct);
    }
  }

  @Override
  public long increment(String key, long delta) {
    drop(key);
    try {
      return delegate.increment(key, delta);
    } finally {
      drop(key);
      publish(List.of(key));
    }
  }

  /**
   * The value stays as it is, so copies here and elsewhere stay right: each keeps the lifetime it
   * was given (at most the cap), and is read again from the store once that has passed.
   */
  @Override
  public boolean expire(String key, Duration ttl) {
    return delegate.expire(key, ttl);
  }

  @Override
  public void addToSet(String key, Collection<String> members, Duration ttl) {
    try {
      delegate.addToSet(key, members, ttl);
    } finally {
      drop(key);
      publish(List.of(key));
    }
  }

  @Override
  public long clear(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    dropMatching(pattern);
    try {
      return delegate.clear(pattern);
    } finally {
      dropMatching(pattern);
      bus.publish(Invalidation.ofPattern(pattern));
    }
  }

  // --- the rest

  /**
   * Nothing to do: copies go on being served within their cap while the store is down, and are
   * dropped when it {@linkplain #storeRecovered recovers}.
   */
  @Override
  public void storeDown() {}

  /** Drops every local copy: the store behind answers again and writes may have been missed. */
  @Override
  public void storeRecovered() {
    dropAll();
  }

  /** Drops every local copy. */
  public void clearLocal() {
    dropAll();
  }

  /** What this near cache did so far. */
  public NearCacheStats stats() {
    return new NearCacheStats(
        hits.sum(),
        misses.sum(),
        local.estimatedSize(),
        evictions.count(),
        invalidations.sum(),
        resyncs.sum(),
        lagged.sum(),
        Duration.ofNanos(lagNanos.sum()));
  }

  /** This near cache's figures: a near cache in front of this one would be pointless. */
  @Override
  public Optional<NearCacheStats> nearCache() {
    return Optional.of(stats());
  }

  /** Whether a local copy of {@code key} is held right now; asks nothing of the store behind. */
  public boolean holdsLocally(String key) {
    return local.getIfPresent(key) != null;
  }

  /** Whether invalidations from other instances are being received right now. */
  public boolean subscribed() {
    return bus.connected();
  }

  @Override
  public void close() {
    try {
      bus.close();
    } finally {
      local.invalidateAll();
      delegate.close();
    }
  }
}
