package io.cachelet.annotation;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Read-through: the method's result is looked up first and the method runs only on a miss; what it
 * returns is stored. On a class, it applies to every method that returns a value, with the class's
 * attributes; a method's own annotation wins over the class's.
 *
 * <p>Concurrent misses for one key run the method once per JVM (the others wait, boundedly, for its
 * result). The value is written as JSON for the method's declared generic return type and read back
 * as that type; {@code CompletionStage} and {@code CompletableFuture} results cache the completed
 * value, never a failed stage. A {@code void} method can't be read through: that is a deployment
 * error.
 *
 * <p>Every member is non-binding (the CDI integration declares them so): one interceptor serves all
 * uses.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Cacheable {

  /**
   * The cache name. Default: {@link CacheDefaults#cache()} of the class, else the declaring class
   * and the method signature ({@code com.acme.Prices.find(java.lang.String)}), so that two methods
   * never share entries by accident.
   */
  String cache() default "";

  /**
   * A Jakarta EL expression over the parameters (by name, or {@code p0}, {@code p1}, …), {@code
   * args} and {@code method} whose value is the key. Default: all parameters, or those marked
   * {@link CacheKey}, in canonical form.
   */
  String key() default "";

  /**
   * An EL expression over the parameters; the cache is bypassed when it is false. Default: always.
   */
  String condition() default "";

  /**
   * An EL expression over the parameters and {@code result}; the result is not stored when it is
   * true. Default: never. Not allowed on asynchronous methods.
   */
  String unless() default "";

  /**
   * How long a value stays fresh: {@code "10m"}, {@code "PT10M"} or a property reference {@code
   * "${prices.ttl}"} / {@code "${prices.ttl:10m}"}. The property {@code cachelet.cache.<name>.ttl}
   * overrides it. Default: {@link CacheDefaults#ttl()}, else the configured {@code
   * cachelet.default-ttl} (10m).
   */
  String ttl() default "";

  /**
   * A random extra lifetime of up to this much, added to each entry's TTL so that hot keys don't
   * all expire together, in the {@link #ttl()} grammar. Default: none.
   */
  String jitter() default "";

  /**
   * How long past its TTL an entry may still be served: when the method throws (stale-if-error) and
   * while one caller refreshes it (the others get the stale copy). Overridden by {@code
   * cachelet.cache.<name>.stale-ttl}. Default: none.
   */
  String staleTtl() default "";

  /** Whether a {@code null} result is cached (as a null, distinct from a miss). Default: true. */
  boolean cacheNull() default true;

  /**
   * The TTL of a cached {@code null}, in the {@link #ttl()} grammar. Default: the {@link #ttl()}.
   */
  String nullTtl() default "";

  /**
   * Whether a miss takes a short lease in the store first, so that one instance of a fleet runs the
   * method while the others wait (boundedly) for its result. Overridden by {@code
   * cachelet.cache.<name>.distributed-lock}. Default: false.
   */
  boolean distributedLock() default false;

  /**
   * Whether the cache's entries are encrypted at rest (AES-256-GCM with {@code
   * CACHELET_ENCRYPTION_KEYS}); it applies to the whole cache, and {@code
   * cachelet.cache.<name>.encrypt} overrides it. Default: {@link CacheDefaults#encrypt()}, else
   * {@code cachelet.encryption.enabled}.
   */
  boolean encrypt() default false;
}
