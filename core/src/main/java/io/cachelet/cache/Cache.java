package io.cachelet.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A named, typed view over the store: what the annotations use, open to code for everything they
 * can't express. Keys are the caller's strings; the cache adds the prefix, the area and its name.
 * Values are written as JSON and read back as the type the caller declares.
 *
 * <p>A cache never throws because the store failed: a failed read is a miss, a failed write is
 * dropped, and both are counted. Thread-safe.
 */
public interface Cache {

  /** The store-key area shared by caches and method annotations. */
  String AREA = "method";

  /** This cache's name. */
  String name();

  /**
   * The value under {@code key}: empty on a miss, a {@link CachedValue} (maybe of null) on a hit.
   */
  <T> Optional<CachedValue<T>> get(String key, Class<T> type);

  /**
   * {@link #get(String, Class)} for generic types: {@code new TypeReference<List<Product>>() {}}.
   */
  <T> Optional<CachedValue<T>> get(String key, TypeReference<T> type);

  /** {@link #get(String, Class)} for a type built at run time, e.g. a method's return type. */
  <T> Optional<CachedValue<T>> get(String key, JavaType type);

  /** Stores {@code value} (which may be null) under {@code key} for the default TTL. */
  void put(String key, Object value);

  /** Stores {@code value} (which may be null) under {@code key} for {@code ttl}. */
  void put(String key, Object value, Duration ttl);

  /** Stores {@code value} written as {@code type}, for {@code ttl}. */
  void put(String key, Object value, JavaType type, Duration ttl);

  /** Removes {@code key}; returns whether it was there (false too when the store is down). */
  boolean evict(String key);

  /**
   * Removes every entry of this cache by scanning the store; returns how many were removed. Prefer
   * {@link #evictAll()}, which costs one store call whatever the size.
   */
  long clear();

  /**
   * Makes every entry of this cache unreadable in O(1): the cache's generation number in the store
   * is bumped, keys carry the generation they were written under, and the old entries expire by
   * their TTL. Other instances see the new generation within {@link #GENERATION_REFRESH}. When the
   * store can't be reached the bump is remembered and retried before this cache serves anything
   * again.
   */
  void evictAll();

  /** At most how long an instance keeps using a generation number it read from the store. */
  Duration GENERATION_REFRESH = Duration.ofSeconds(1);

  /**
   * The value under {@code key}, loaded with {@code loader} and stored for the default TTL on a
   * miss. Concurrent misses for one key run the loader once in this JVM; see {@link SingleFlight}.
   *
   * @throws CacheLoadException when the loader threw a checked exception (its cause)
   */
  <T> T getOrLoad(String key, Class<T> type, Callable<? extends T> loader);

  /** {@link #getOrLoad(String, Class, Callable)} for generic types. */
  <T> T getOrLoad(String key, TypeReference<T> type, Callable<? extends T> loader);

  /** {@link #getOrLoad(String, Class, Callable)} for a run-time type and TTL. */
  <T> T getOrLoad(String key, JavaType type, Duration ttl, Callable<? extends T> loader);

  /**
   * Read-through with the whole {@code policy}: single flight per key in this JVM (and across
   * instances with {@link LoadPolicy#distributedLock()}), stale entries served while one caller
   * refreshes them and when the loader fails, the null policy and the veto over the result. The
   * loader never runs while a store connection is held.
   *
   * <p>Unchecked exceptions and errors from the loader reach the caller unchanged (unless a stale
   * copy is served instead); checked ones arrive wrapped in a {@link CacheLoadException}.
   */
  <T> T getOrLoad(String key, JavaType type, LoadPolicy policy, Callable<? extends T> loader);

  /**
   * Read-through for a loader that answers with a stage. The lookup and every store call run on
   * {@code executor}, never on the caller's thread; concurrent misses for one key in this JVM share
   * the first caller's load, for up to the load wait, after which a waiter loads for itself. Only a
   * value the stage completed with normally is stored; a failed stage fails the returned one with
   * its cause. {@link LoadPolicy#staleTtl()} and {@link LoadPolicy#distributedLock()} are not
   * applied here.
   */
  <T> CompletableFuture<T> getOrLoadAsync(
      String key,
      JavaType type,
      LoadPolicy policy,
      Supplier<? extends CompletionStage<T>> loader,
      Executor executor);

  /**
   * Stores {@code value} as {@code type} the way {@code policy} says, or not at all if it says no.
   */
  void put(String key, Object value, JavaType type, LoadPolicy policy);

  /** This cache's counters. */
  CacheStats stats();
}
