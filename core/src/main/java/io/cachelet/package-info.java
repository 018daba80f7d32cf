/**
 * Cachelet: Redis-backed caching for plain Jakarta EE applications. {@link io.cachelet.Cachelet} is
 * the entry point that builds the store, the key builder and the typed caches from one {@link
 * io.cachelet.config.CacheletConfig}.
 */
package io.cachelet;
