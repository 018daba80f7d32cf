/**
 * Micrometer meters for Cachelet: {@link io.cachelet.metrics.CacheletMetrics} publishes every
 * cache's counters and the store's breaker and pool; {@link io.cachelet.metrics.MeteredStore} times
 * store calls and counts the bytes they move.
 *
 * <p>Micrometer is an optional dependency of {@code cachelet-core}: add {@code
 * io.micrometer:micrometer-core} to use this package; nothing else in the core needs it.
 */
package io.cachelet.metrics;
