package io.cachelet.annotation;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method always runs and its result is stored, replacing what was cached under the key: an
 * update method that refreshes the entry a {@link Cacheable} getter reads (give both the same
 * {@link #cache()} and matching keys). A method that throws stores nothing.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CachePut {

  /** The cache name; defaults as for {@link Cacheable#cache()}. */
  String cache() default "";

  /**
   * An EL expression for the key over the parameters and {@code result}; defaults as for {@link
   * Cacheable#key()}.
   */
  String key() default "";

  /** An EL expression over the parameters; nothing is stored when it is false. Default: always. */
  String condition() default "";

  /** An EL expression over the parameters and {@code result}; nothing is stored when it is true. */
  String unless() default "";

  /** The TTL, as for {@link Cacheable#ttl()}. */
  String ttl() default "";

  /** Random extra lifetime, as for {@link Cacheable#jitter()}. */
  String jitter() default "";
}
