/**
 * Named, typed caches over the store ({@link io.cachelet.cache.Cache}), with single-flight loads
 * and counters.
 */
package io.cachelet.cache;
