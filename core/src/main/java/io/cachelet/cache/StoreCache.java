package io.cachelet.cache;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.cachelet.codec.EntryCipher;
import io.cachelet.codec.EntryFormatException;
import io.cachelet.codec.EntryOpenException;
import io.cachelet.codec.Envelope;
import io.cachelet.codec.ValueCodec;
import io.cachelet.key.KeyBuilder;
import io.cachelet.store.CacheStore;
import io.cachelet.store.ChangeStamps;
import io.cachelet.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Cache} over a {@link CacheStore}: envelopes, JSON, generations, single-flight loads,
 * stale handling, counters.
 *
 * <p>Entries live under {@code {prefix}:method:{name}:v{generation}:{key}}; the generation is a
 * counter under {@code {prefix}:method-generation:{name}:current}, bumped by {@link #evictAll()}.
 * An eviction the store could not take (it failed, or the store was reported down) leaves a bump
 * pending: until it succeeds the cache serves nothing, so no entry that should have gone is read
 * after an outage.
 */
final class StoreCache implements Cache {

  private static final Logger LOG = LoggerFactory.getLogger(StoreCache.class);
  private static final String GENERATION_AREA = AREA + "-generation";
  private static final String LOCK_AREA = AREA + "-lock";
  private static final Duration MAX_LOCK_POLL = Duration.ofMillis(100);

  /**
   * How long before a down report an eviction may already have been dropped: a store that hides its
   * failures (a circuit breaker) reports down only after several calls failed.
   */
  private static final Duration POSSIBLY_DROPPED = Duration.ofMinutes(1);

  private final String name;
  private final CacheStore store;
  private final KeyBuilder keys;
  private final ValueCodec codec;
  private final Clock clock;
  private final Duration defaultTtl;
  private final Duration loadWait;
  private final EntryCipher cipher;
  private final String generationKey;
  private final CacheCounters counters = new CacheCounters();
  private final SingleFlight<Object> loads = new SingleFlight<>();

  /** Writes made by this cache, per key: a load leader re-reads the store only after one. */
  private final ChangeStamps written = new ChangeStamps();

  private final ConcurrentMap<String, CompletableFuture<Object>> asyncLoads =
      new ConcurrentHashMap<>();

  /** The generation as last read, and when (System.nanoTime); null before the first read. */
  private volatile Generation generation;

  private volatile boolean bumpPending;
  private volatile boolean storeDown;

  /** Whether new entries are sealed; only ever turned on (an annotation may ask after creation). */
  private volatile boolean encrypting;

  /** When this cache last evicted (System.nanoTime), or 0. */
  private volatile long lastEviction;

  /**
   * A generation number, when it was read, and since when reads have answered a lower number (0
   * when they haven't).
   */
  private record Generation(long value, long readAt, long lowerSince) {}

  StoreCache(
      String name,
      CacheStore store,
      KeyBuilder keys,
      ValueCodec codec,
      Clock clock,
      Duration defaultTtl,
      Duration loadWait,
      EntryCipher cipher,
      boolean encrypting) {
    this.name = Objects.requireNonNull(name, "name");
    this.store = store;
    this.keys = keys;
    this.codec = codec;
    this.clock = clock;
    this.defaultTtl = defaultTtl;
    this.loadWait = loadWait;
    this.cipher = cipher;
    this.encrypting = encrypting;
    this.generationKey = keys.key(GENERATION_AREA, name, "current");
  }

  @Override
  public String name() {
    return name;
  }

  // ---- generations

  /** The key part under the current generation; empty when the generation can't be known. */
  private Optional<String> keyPart(String key) {
    Objects.requireNonNull(key, "key");
    OptionalLong current = currentGeneration();
    return current.isPresent()
        ? Optional.of("v" + current.getAsLong() + ":" + key)
        : Optional.empty();
  }

  private OptionalLong currentGeneration() {
    if (storeDown) {
      probe();
      return OptionalLong.empty();
    }
    if (bumpPending && !bump()) {
      return OptionalLong.empty();
    }
    Generation known = generation;
    long now = System.nanoTime();
    if (known != null && now - known.readAt() < GENERATION_REFRESH.toNanos()) {
      return OptionalLong.of(known.value());
    }
    try {
      byte[] bytes = store.get(generationKey);
      long value = bytes == null ? 0 : Long.parseLong(new String(bytes, US_ASCII));
      if (known != null && value < known.value()) {
        // a store that hides its failures answers a failed read as "absent", which reads as 0:
        // a lower number is believed only once it has been answered for a whole refresh period
        // (the store really lost the counter); until then every use reads it again
        if (known.lowerSince() == 0) {
          generation = new Generation(known.value(), known.readAt(), now);
          return OptionalLong.of(known.value());
        }
        if (now - known.lowerSince() < GENERATION_REFRESH.toNanos()) {
          return OptionalLong.of(known.value());
        }
      }
      generation = new Generation(value, now, 0);
      return OptionalLong.of(value);
    } catch (StoreException | NumberFormatException e) {
      counters.errors.increment();
      return OptionalLong.empty();
    }
  }

  /**
   * One cheap read while the store is reported down, not trusted whatever it answers: behind a
   * circuit breaker it costs nothing until the breaker lets it through as the probe that finds the
   * store back (and then reports recovery). Without it a cache that stays off a down store would
   * never let the breaker find out.
   */
  private void probe() {
    try {
      store.get(generationKey);
    } catch (StoreException e) {
      counters.errors.increment();
    }
  }

  /** Bumps the generation; on failure leaves the bump pending. */
  private boolean bump() {
    if (storeDown) {
      bumpPending = true;
      return false;
    }
    try {
      long value = store.increment(generationKey, 1);
      if (value <= 0) {
        // what a store that hides its failures answers when the increment did not happen
        throw new StoreException("The generation counter " + generationKey + " was not bumped");
      }
      generation = new Generation(value, System.nanoTime(), 0);
      bumpPending = false;
      return true;
    } catch (StoreException e) {
      counters.errors.increment();
      if (!bumpPending) {
        // once per missed eviction, not once per call while the store keeps failing
        LOG.warn(
            "Could not evict all of cache {} ({}); it serves nothing until the store takes the"
                + " eviction",
            name,
            e.getMessage());
      }
      bumpPending = true;
      return false;
    }
  }

  /**
   * The store was reported down: it is not used until it is back, and an eviction made shortly
   * before may have been dropped, so a new generation will be due.
   */
  void storeDown() {
    storeDown = true;
    long last = lastEviction;
    if (last != 0 && System.nanoTime() - last < POSSIBLY_DROPPED.toNanos()) {
      bumpPending = true;
    }
  }

  /** The store was reported back: evictions missed meanwhile are made safe by a new generation. */
  void storeRecovered() {
    generation = null;
    storeDown = false;
    if (bumpPending) {
      bump();
    }
  }

  @Override
  public void evictAll() {
    lastEviction = System.nanoTime();
    bump();
  }

  // ---- reads

  @Override
  public <T> Optional<CachedValue<T>> get(String key, Class<T> type) {
    return get(key, codec.types().constructType(type));
  }

  @Override
  public <T> Optional<CachedValue<T>> get(String key, TypeReference<T> type) {
    return get(key, codec.types().constructType(type));
  }

  @Override
  public <T> Optional<CachedValue<T>> get(String key, JavaType type) {
    Optional<CachedValue<T>> found = keyPart(key).flatMap(part -> readFresh(storeKey(part), type));
    (found.isPresent() ? counters.hits : counters.misses).increment();
    return found;
  }

  private String storeKey(String keyPart) {
    return keys.key(AREA, name, keyPart);
  }

  private <T> Optional<CachedValue<T>> readFresh(String storeKey, JavaType type) {
    Optional<CachedValue<T>> found = read(storeKey, type);
    return found.filter(v -> v.isFreshAt(clock.instant()));
  }

  /** The entry under {@code storeKey}, fresh or stale; empty when absent or unreadable. */
  @SuppressWarnings("unchecked")
  private <T> Optional<CachedValue<T>> read(String storeKey, JavaType type) {
    byte[] bytes;
    try {
      bytes = store.get(storeKey);
    } catch (StoreException e) {
      counters.errors.increment();
      return Optional.empty();
    }
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      Envelope envelope = Envelope.parse(opened(storeKey, bytes));
      T value = envelope.isNull() ? null : (T) codec.decode(envelope.payload(), type);
      return Optional.of(new CachedValue<>(value, envelope.storedAt(), envelope.freshUntil()));
    } catch (EntryFormatException e) {
      (e instanceof EntryOpenException ? counters.decryptFailures : counters.decodeFailures)
          .increment();
      LOG.debug("Deleting unreadable entry {}: {}", storeKey, e.getMessage());
      try {
        store.delete(storeKey);
      } catch (StoreException deleteFailed) {
        counters.errors.increment();
      }
      return Optional.empty();
    }
  }

  /**
   * The plain entry {@code stored} holds: itself when plain (entries written before encryption was
   * turned on stay readable), else opened with the configured keys.
   */
  private byte[] opened(String storeKey, byte[] stored) {
    if (!EntryCipher.isSealed(stored)) {
      return stored;
    }
    if (cipher == null) {
      throw new EntryOpenException("the entry is encrypted and no key is configured");
    }
    return cipher.open(storeKey, stored);
  }

  /** Seals every entry written from now on; the cipher was checked when the cache was made. */
  void encryptFromNowOn() {
    encrypting = true;
  }

  // ---- writes

  @Override
  public void put(String key, Object value) {
    put(key, value, defaultTtl);
  }

  @Override
  public void put(String key, Object value, Duration ttl) {
    JavaType type = codec.types().constructType(value == null ? Object.class : value.getClass());
    put(key, value, type, ttl);
  }

  @Override
  public void put(String key, Object value, JavaType type, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    replace(key, storeKey -> write(storeKey, value, type, ttl, Duration.ZERO));
  }

  @Override
  public void put(String key, Object value, JavaType type, LoadPolicy policy) {
    replace(key, storeKey -> write(storeKey, value, type, policy));
  }

  /**
   * A put replaces what readers saw: when it may not have reached the store, the older value must
   * not be served either. (A load's own write has nothing older to hide: it goes to {@link #write}
   * directly.)
   */
  private void replace(String key, Predicate<String> write) {
    keyPart(key)
        .ifPresent(
            part -> {
              // a write counts a failure it sees thrown and answers false
              if (!change(() -> write.test(storeKey(part)), false)) {
                bumpPending = true;
              }
            });
  }

  /** Stores {@code value} as {@code policy} says; false when the store failed. */
  private boolean write(String storeKey, Object value, JavaType type, LoadPolicy policy) {
    if (!policy.store().test(value)) {
      return true;
    }
    if (value == null) {
      return policy
          .nullTtl()
          .map(ttl -> write(storeKey, null, type, ttl, policy.staleTtl()))
          .orElse(true);
    }
    Duration ttl = policy.ttl();
    if (!policy.jitter().isZero()) {
      ttl = ttl.plusMillis(ThreadLocalRandom.current().nextLong(policy.jitter().toMillis() + 1));
    }
    return write(storeKey, value, type, ttl, policy.staleTtl());
  }

  /** Stores one entry; false (and counted) when the store failed. */
  private boolean write(
      String storeKey, Object value, JavaType type, Duration ttl, Duration stale) {
    Instant now = clock.instant();
    Instant freshUntil = now.plus(ttl);
    Envelope envelope =
        value == null
            ? Envelope.ofNull(now, freshUntil)
            : Envelope.of(codec.encode(value, type), now, freshUntil);
    try {
      byte[] entry = envelope.toBytes();
      store.put(storeKey, encrypting ? cipher.seal(storeKey, entry) : entry, ttl.plus(stale));
      written.changed(storeKey);
      return true;
    } catch (StoreException e) {
      counters.errors.increment();
      return false;
    }
  }

  @Override
  public boolean evict(String key) {
    lastEviction = System.nanoTime();
    if (storeDown) {
      bumpPending = true;
      return false;
    }
    Optional<String> part = keyPart(key);
    if (part.isEmpty()) {
      bumpPending = true;
      return false;
    }
    return change(() -> store.delete(storeKey(part.get())), false);
  }

  @Override
  public long clear() {
    return change(() -> store.clear(keys.pattern(AREA, name)), 0L);
  }

  /**
   * Runs a change readers must see (an eviction, a clear, a put); {@code ifThrown} when the store
   * throws. When the change may not have reached the store — it threw, or a store that hides its
   * failures counted one meanwhile (a reply like BUSY or a pool with no connection free leaves the
   * breaker closed, so no outage is reported) — what it should have hidden may still be there, so
   * nothing is served until a new generation is taken.
   */
  private <T> T change(Supplier<T> call, T ifThrown) {
    long failures = store.failures();
    try {
      T result = call.get();
      if (store.failures() != failures) {
        bumpPending = true;
      }
      return result;
    } catch (StoreException e) {
      counters.errors.increment();
      bumpPending = true;
      return ifThrown;
    }
  }

  // ---- read-through

  @Override
  public <T> T getOrLoad(String key, Class<T> type, Callable<? extends T> loader) {
    return getOrLoad(key, codec.types().constructType(type), defaultTtl, loader);
  }

  @Override
  public <T> T getOrLoad(String key, TypeReference<T> type, Callable<? extends T> loader) {
    return getOrLoad(key, codec.types().constructType(type), defaultTtl, loader);
  }

  @Override
  public <T> T getOrLoad(String key, JavaType type, Duration ttl, Callable<? extends T> loader) {
    return getOrLoad(key, type, LoadPolicy.of(ttl), loader);
  }

  @Override
  public <T> T getOrLoad(
      String key, JavaType type, LoadPolicy policy, Callable<? extends T> loader) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(loader, "loader");
    try {
      return lookupOrLoad(key, type, policy, loader);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoadException("The loader of " + name + "[" + key + "] failed", e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T lookupOrLoad(
      String key, JavaType type, LoadPolicy policy, Callable<? extends T> loader) throws Exception {
    Optional<String> part = keyPart(key);
    if (part.isEmpty()) {
      // the store can't be trusted right now: run the loader, store nothing
      counters.misses.increment();
      return load(loader);
    }
    String storeKey = storeKey(part.get());
    // taken before the read: a write of this key that lands after it changes the stamp
    long stamp = written.stamp(storeKey);
    Optional<CachedValue<T>> found = read(storeKey, type);
    if (found.isPresent() && found.get().isFreshAt(clock.instant())) {
      counters.hits.increment();
      return found.get().value();
    }
    counters.misses.increment();
    Callable<Object> work = () -> loadOnMiss(part.get(), storeKey, stamp, type, policy, loader);
    if (found.isEmpty() || policy.staleTtl().isZero()) {
      return (T) loads.run(storeKey, loadWait, work);
    }
    T stale = found.get().value();
    if (loads.isRunning(storeKey)) {
      // stale-while-revalidate: one caller refreshes, the others get the stale copy
      counters.staleServed.increment();
      return stale;
    }
    try {
      return (T) loads.run(storeKey, loadWait, work);
    } catch (Exception e) {
      // stale-if-error
      counters.staleServed.increment();
      LOG.debug("Serving a stale {}[{}] because loading it failed: {}", name, key, e.toString());
      return stale;
    }
  }

  /** Runs as the single-flight leader for {@code storeKey}. */
  private <T> Object loadOnMiss(
      String keyPart,
      String storeKey,
      long stamp,
      JavaType type,
      LoadPolicy policy,
      Callable<? extends T> loader)
      throws Exception {
    // a leader that finished after this caller looked has stored the value already: read it again
    // then, and only then (a second round trip on every miss otherwise)
    if (written.changedSince(storeKey, stamp)) {
      Optional<CachedValue<T>> again = readFresh(storeKey, type);
      if (again.isPresent()) {
        return again.get().value();
      }
    }
    if (policy.distributedLock()) {
      return loadUnderLease(keyPart, storeKey, type, policy, loader);
    }
    return loadAndStore(storeKey, type, policy, loader);
  }

  /**
   * Takes a lease ({@code SET NX PX} with a random token) so that one instance of a fleet loads;
   * the others poll the entry for up to the load wait, then load for themselves. The lease is
   * released by compare-and-delete, so a holder never deletes a lease that expired and was taken by
   * another instance.
   */
  private <T> Object loadUnderLease(
      String keyPart,
      String storeKey,
      JavaType type,
      LoadPolicy policy,
      Callable<? extends T> loader)
      throws Exception {
    String lockKey = keys.key(LOCK_AREA, name, keyPart);
    byte[] token = UUID.randomUUID().toString().getBytes(UTF_8);
    Duration lease = loadWait.multipliedBy(2);
    long deadline = System.nanoTime() + loadWait.toNanos();
    long pauseMillis = 2;
    while (true) {
      boolean acquired;
      try {
        acquired = store.putIfAbsent(lockKey, token, lease);
      } catch (StoreException e) {
        counters.errors.increment();
        return loadAndStore(storeKey, type, policy, loader);
      }
      if (acquired) {
        try {
          Optional<CachedValue<T>> filled = readFresh(storeKey, type);
          return filled.isPresent()
              ? filled.get().value()
              : loadAndStore(storeKey, type, policy, loader);
        } finally {
          release(lockKey, token);
        }
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return loadAndStore(storeKey, type, policy, loader);
      }
      pauseMillis = Math.min(pauseMillis * 2, MAX_LOCK_POLL.toMillis());
      Optional<CachedValue<T>> filled = readFresh(storeKey, type);
      if (filled.isPresent()) {
        return filled.get().value();
      }
      if (System.nanoTime() - deadline > 0) {
        return loadAndStore(storeKey, type, policy, loader);
      }
    }
  }

  private void release(String lockKey, byte[] token) {
    try {
      store.deleteIfEquals(lockKey, token);
    } catch (StoreException e) {
      counters.errors.increment();
    }
  }

  private <T> T loadAndStore(
      String storeKey, JavaType type, LoadPolicy policy, Callable<? extends T> loader)
      throws Exception {
    T value = load(loader);
    try {
      write(storeKey, value, type, policy);
    } catch (IllegalArgumentException e) {
      counters.errors.increment();
      LOG.warn("Not caching a result in {}: {}", name, e.getMessage());
    }
    return value;
  }

  private <T> T load(Callable<? extends T> loader) throws Exception {
    long start = System.nanoTime();
    T value;
    try {
      value = loader.call();
    } catch (Exception | Error e) {
      counters.loadFailures.increment();
      throw e;
    } finally {
      counters.loadNanos.add(System.nanoTime() - start);
    }
    counters.loads.increment();
    return value;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> getOrLoadAsync(
      String key,
      JavaType type,
      LoadPolicy policy,
      Supplier<? extends CompletionStage<T>> loader,
      Executor executor) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    return CompletableFuture.supplyAsync(() -> this.<T>get(key, type), executor)
        .thenCompose(
            found ->
                found.isPresent()
                    ? CompletableFuture.completedFuture(found.get().value())
                    : (CompletableFuture<T>) loadAsync(key, type, policy, loader, executor));
  }

  /** Runs on {@code executor}; one load per key at a time, the others get the leader's stage. */
  private <T> CompletableFuture<Object> loadAsync(
      String key,
      JavaType type,
      LoadPolicy policy,
      Supplier<? extends CompletionStage<T>> loader,
      Executor executor) {
    String flight = key;
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> running = asyncLoads.putIfAbsent(flight, mine);
    if (running != null) {
      counters.asyncCoalesced.increment();
      // a bounded wait: past the load wait, this caller loads for itself
      return running
          .copy()
          .orTimeout(loadWait.toNanos(), TimeUnit.NANOSECONDS)
          .exceptionallyCompose(
              failure -> {
                if (unwrap(failure) instanceof TimeoutException) {
                  counters.asyncTimedOut.increment();
                  CompletableFuture<Object> own = new CompletableFuture<>();
                  executor.execute(() -> runLoad(key, type, policy, loader, own, executor));
                  return own;
                }
                return CompletableFuture.failedFuture(unwrap(failure));
              });
    }
    // a load that finished just before this one started has stored the value already
    Optional<String> part = keyPart(key);
    Optional<CachedValue<T>> stored = part.flatMap(p -> readFresh(storeKey(p), type));
    if (stored.isPresent()) {
      asyncLoads.remove(flight, mine);
      mine.complete(stored.get().value());
      return mine;
    }
    mine.whenComplete((value, failure) -> asyncLoads.remove(flight, mine));
    runLoad(key, type, policy, loader, mine, executor);
    return mine;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** Calls {@code loader}, stores what its stage completes with, and completes {@code result}. */
  private <T> void runLoad(
      String key,
      JavaType type,
      LoadPolicy policy,
      Supplier<? extends CompletionStage<T>> loader,
      CompletableFuture<Object> result,
      Executor executor) {
    long start = System.nanoTime();
    CompletionStage<T> stage;
    try {
      stage = Objects.requireNonNull(loader.get(), "the loader returned no stage");
    } catch (RuntimeException | Error e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenCompleteAsync(
        (value, failure) -> {
          counters.loadNanos.add(System.nanoTime() - start);
          try {
            if (failure == null) {
              counters.loads.increment();
              try {
                keyPart(key).ifPresent(part -> write(storeKey(part), value, type, policy));
              } catch (IllegalArgumentException e) {
                counters.errors.increment();
                LOG.warn("Not caching a result in {}: {}", name, e.getMessage());
              }
            } else {
              counters.loadFailures.increment();
            }
          } finally {
            if (failure == null) {
              result.complete(value);
            } else {
              result.completeExceptionally(unwrap(failure));
            }
          }
        },
        executor);
  }

  @Override
  public CacheStats stats() {
    return counters.snapshot(loads);
  }

  @Override
  public String toString() {
    return "Cache[" + name + "]";
  }
}
