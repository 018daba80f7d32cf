package io.cachelet.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

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

  /** Removes every entry of this cache; returns how many were removed. */
  long clear();

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

  /** This cache's counters. */
  CacheStats stats();
}
