/**
 * The method-caching annotations: {@link io.cachelet.annotation.Cacheable}, {@link
 * io.cachelet.annotation.CachePut}, {@link io.cachelet.annotation.CacheEvict}, {@link
 * io.cachelet.annotation.CacheKey} and {@link io.cachelet.annotation.CacheDefaults}.
 *
 * <p>On one method the operations run in a fixed order: evictions marked {@code beforeInvocation},
 * then the {@code Cacheable} lookup (a hit returns at once and nothing else runs), then the method,
 * then the {@code Cacheable} store and the {@code CachePut} store, then the other evictions.
 */
package io.cachelet.annotation;
