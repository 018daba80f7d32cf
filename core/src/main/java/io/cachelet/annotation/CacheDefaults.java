package io.cachelet.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Defaults for the cache operations of one class: a shared cache name and TTL. An operation's own
 * non-empty attribute wins.
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CacheDefaults {

  /** The cache every operation of the class uses unless it names one. Default: per method. */
  String cache() default "";

  /** The TTL, as for {@link Cacheable#ttl()}. Default: the configured default TTL. */
  String ttl() default "";

  /** Whether the caches of the class are encrypted, as for {@link Cacheable#encrypt()}. */
  boolean encrypt() default false;
}
