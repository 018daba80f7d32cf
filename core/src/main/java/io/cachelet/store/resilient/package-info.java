/**
 * The decorator that keeps a failing store from failing its callers ({@link
 * io.cachelet.store.resilient.ResilientStore}): reads become misses, writes are dropped, and a
 * circuit breaker stops calling a backend that is down.
 */
package io.cachelet.store.resilient;
