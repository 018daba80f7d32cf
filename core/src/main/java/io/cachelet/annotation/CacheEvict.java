package io.cachelet.annotation;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes one key, or every entry of a cache, when the method runs. By default the eviction happens
 * after the method returned normally; a method that throws evicts nothing unless {@link
 * #beforeInvocation()} is set.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CacheEvict {

  /** The cache name; defaults as for {@link Cacheable#cache()}. */
  String cache() default "";

  /** An EL expression for the key; defaults as for {@link Cacheable#key()}. */
  String key() default "";

  /**
   * Whether every entry of the cache goes, in O(1): the cache's generation number is bumped, so old
   * entries are never read again and expire by their TTL. Default: false.
   */
  boolean allEntries() default false;

  /** Whether to evict before the method runs, whatever it then does. Default: false (after). */
  boolean beforeInvocation() default false;

  /** An EL expression over the parameters; nothing is evicted when it is false. Default: always. */
  String condition() default "";
}
